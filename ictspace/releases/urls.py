"""Public pages and open data: stable URLs, no login."""

from django.urls import path, re_path

from ictspace.releases.views import data, manage, public

app_name = "releases"
urlpatterns = [
    path("", public.overview, name="overview"),
    path("libraries/", public.libraries, name="libraries"),
    path("libraries/<slug:slug>/", public.library, name="library"),
    path("releases/", public.release_list, name="list"),
    path("releases/publish/", manage.publish, name="publish"),
    path("releases.atom", data.feed, name="feed"),
    path("data.json", data.catalogue, name="catalogue"),
    path("releases/<int:number>/", public.release_detail, name="release"),
    path("releases/<int:number>/withdraw/", manage.withdraw, name="withdraw"),
    path("releases/<int:number>/jurisdictions/<str:code>/", public.country, name="country"),
    path(
        "releases/<int:number>/indicators/<slug:slug>/<str:code>/",
        public.indicator,
        name="indicator",
    ),
    re_path(
        r"^releases/(?P<number>[0-9]+)/statuses\.(?P<fmt>csv|json)$",
        data.statuses,
        name="statuses",
    ),
    re_path(
        r"^releases/(?P<number>[0-9]+)/values\.(?P<fmt>csv|json|sdmx\.csv)$",
        data.values,
        name="values",
    ),
    re_path(
        r"^releases/(?P<number>[0-9]+)/indicators/(?P<slug>[-\w]+)/(?P<code>[^/]+)/values\.(?P<fmt>csv|json|sdmx\.csv)$",
        data.values,
        name="indicator_values",
    ),
]
