from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ictspace import access
from ictspace.audit import selectors
from ictspace.audit.forms import AuditFilterForm

PAGE_SIZE = 50


@login_required
@require_safe
def audit_log(request):
    access.require(access.can_view_audit_log(request.user))
    form = AuditFilterForm(request.GET or None)
    filters = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = {
            "who": data["who"],
            "obj": data["object"],
            "action": data["action"],
            "since": data["since"],
            "until": data["until"],
        }
    entries = selectors.audit_entries(request.user, **filters)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/log.html",
        {"form": form, "page": page, "query": query.urlencode()},
        status=400 if form.errors else 200,
    )
