from django.http import HttpResponse
from django.urls import include, path


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("", include("ictspace.portal.urls")),
    path("directory/", include("ictspace.directory.urls")),
    path("audit/", include("ictspace.audit.urls")),
    path("libraries/", include("ictspace.catalogue.urls")),
    path("tracking/", include("ictspace.tracking.urls")),
    path("indicators/", include("ictspace.indicators.urls")),
    path("accounts/", include("allauth.urls")),
    path("healthz", healthz, name="healthz"),
]
