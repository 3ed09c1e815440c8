"""The language switcher: Django's set_language, which also keeps the choice on the account."""

from django.http import HttpResponseBadRequest
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from ictspace.languages.actions import do_choose_language
from ictspace.languages.forms import LanguageForm


@require_POST
def choose(request):
    """Switch the interface language (cookie) and, when signed in, keep it on the account."""
    form = LanguageForm(request.POST)
    if not form.is_valid():  # the switcher offers only valid choices: a forged request
        return HttpResponseBadRequest()
    if request.user.is_authenticated:
        do_choose_language(language=form.cleaned_data["language"], acting_user=request.user)
    # Validates `next` against the host, sets the language cookie, redirects back.
    return set_language(request)
