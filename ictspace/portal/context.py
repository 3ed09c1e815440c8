from django.conf import settings
from django.utils.functional import SimpleLazyObject

from ictspace import access
from ictspace.demo.flag import demo_data_loaded


def platform(request):
    """What the layout needs on every page: demo banner, site name, the user's roles."""
    return {
        # The banner also shows where demonstration data was loaded (asked once per process).
        "DEMO": settings.DEMO or demo_data_loaded(),
        "SITE_NAME": settings.SITE_NAME,
        "user_grants": access.grants(request.user) if hasattr(request, "user") else [],
        "can_view_audit_log": access.can_view_audit_log(getattr(request, "user", None)),
        "can_review_any": access.can_review_any(getattr(request, "user", None)),
        "can_draft_any": access.can_draft_any(getattr(request, "user", None)),
        "can_view_governance": access.can_view_governance(getattr(request, "user", None)),
        "sharing_in_nav": access.is_committee_member(getattr(request, "user", None)),
        "can_view_reports": access.can_view_reports(getattr(request, "user", None)),
    }


def nav_counts(request):
    """The navigation's counts ("Review queue (7)"): one query, made only when a page shows
    them, and only for a signed-in user who has a queue."""
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return {}
    from ictspace.portal.selectors import nav_counts as counts

    return {"nav_counts": SimpleLazyObject(lambda: counts(user))}
