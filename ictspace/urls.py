from django.http import HttpResponse
from django.shortcuts import render
from django.urls import include, path
from django.views.decorators.http import require_safe


@require_safe
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


def refused(request, exception=None):
    """A refusal answers exactly like a missing object: the same 404 page, nothing leaked."""
    return render(request, "404.html", status=404)


# Actions raise PermissionDenied; every view answers it the same way.
handler403 = refused


urlpatterns = [
    path("", include("ictspace.portal.urls")),
    path("directory/", include("ictspace.directory.urls")),
    path("audit/", include("ictspace.audit.urls")),
    path("libraries/", include("ictspace.catalogue.urls")),
    path("tracking/", include("ictspace.tracking.urls")),
    path("indicators/", include("ictspace.indicators.urls")),
    path("accounts/tokens/", include("ictspace.tokens.urls")),
    path("governance/", include("ictspace.governance.urls")),
    path("reports/", include("ictspace.reports.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("ictspace.publicreports.urls")),
    path("public/", include("ictspace.releases.urls")),
    path("sharing/", include("ictspace.sharing.urls")),
    path("api/v1/", include("ictspace.api.urls")),
    path("taxii2/", include("ictspace.sharing.taxii.urls")),
    path("sharing/stix/", include("ictspace.sharing.stix.urls")),
    path("healthz", healthz, name="healthz"),
    path("language/", include("ictspace.languages.urls")),
]
