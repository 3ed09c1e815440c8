from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation

from ictspace.accounts import security
from ictspace.accounts.clientip import client_ip


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by the Secretariat, never by self sign-up."""

    def is_open_for_signup(self, request):
        return False

    def get_client_ip(self, request):
        """The client behind the trusted proxy: rate limits count per person, not per proxy."""
        return client_ip(request)

    def authentication_failed(self, request, **credentials):
        security.sign_in_failed(request, str(credentials.get("email", "")))

    def post_login(self, request, user, **kwargs):
        """Sign-in brings back the interface language the account chose (cookie as well)."""
        if not user.language:
            return super().post_login(request, user, **kwargs)
        translation.activate(user.language)  # the "signed in" message is in it too
        response = super().post_login(request, user, **kwargs)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            user.language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        return response
