from django.conf import settings

from ictspace import access


def platform(request):
    """What the layout needs on every page: demo banner, site name, the user's roles."""
    return {
        "DEMO": settings.DEMO,
        "SITE_NAME": settings.SITE_NAME,
        "user_grants": access.grants(request.user) if hasattr(request, "user") else [],
        "can_view_audit_log": access.can_view_audit_log(getattr(request, "user", None)),
        "can_review_any": access.can_review_any(getattr(request, "user", None)),
        "can_draft_any": access.can_draft_any(getattr(request, "user", None)),
        "can_view_governance": access.can_view_governance(getattr(request, "user", None)),
        "can_view_reports": access.can_view_reports(getattr(request, "user", None)),
    }
