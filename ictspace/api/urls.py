"""The REST API, version 1: one URL per resource; the schema and its docs page."""

from django.urls import path, register_converter
from drf_spectacular.views import SpectacularAPIView

from ictspace.api import docs
from ictspace.api.views import catalogue, directory, evidence, indicators, releases, tracking


class Key:
    """A code or a ref: letters, digits, - _ . only, so no NUL byte reaches PostgreSQL."""

    regex = r"[-\w.]{1,80}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(Key, "key")
app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("", docs.index, name="docs"),
    path("jurisdictions/", directory.JurisdictionList.as_view(), name="jurisdictions"),
    path("jurisdictions/<key:code>/", directory.JurisdictionDetail.as_view(), name="jurisdiction"),
    path(
        "jurisdictions/<key:code>/libraries/<slug:slug>/statuses/",
        tracking.CurrentStatuses.as_view(),
        name="statuses_as_of",
    ),
    path(
        "jurisdictions/<key:code>/libraries/<slug:slug>/gaps/",
        tracking.GapAnalysis.as_view(),
        name="gaps",
    ),
    path("organisations/", directory.OrganisationList.as_view(), name="organisations"),
    path("bodies/", directory.BodyList.as_view(), name="bodies"),
    path("appointments/", directory.AppointmentList.as_view(), name="appointments"),
    path("libraries/", catalogue.LibraryList.as_view(), name="libraries"),
    path("libraries/<slug:slug>/", catalogue.LibraryDetail.as_view(), name="library"),
    path("libraries/<slug:slug>/items/", catalogue.ItemList.as_view(), name="items"),
    path("libraries/<slug:slug>/items/<key:ref>/", catalogue.ItemDetail.as_view(), name="item"),
    path("indicators/", catalogue.IndicatorList.as_view(), name="indicators"),
    path("status-updates/", tracking.StatusUpdateList.as_view(), name="status_updates"),
    path("status-updates/<int:pk>/", tracking.StatusUpdateDetail.as_view(), name="status_update"),
    path(
        "status-updates/<int:pk>/submit/",
        tracking.StatusUpdateSubmit.as_view(),
        name="status_update_submit",
    ),
    path(
        "status-updates/<int:pk>/review/",
        tracking.StatusUpdateReview.as_view(),
        name="status_update_review",
    ),
    path(
        "status-updates/<int:pk>/evidence/",
        evidence.EvidenceList.as_view(),
        name="status_update_evidence",
    ),
    path(
        "evidence/<int:pk>/download/", evidence.EvidenceDownload.as_view(), name="evidence_download"
    ),
    path("observations/", indicators.ObservationList.as_view(), name="observations"),
    path(
        "observations/<int:pk>/review/",
        indicators.ObservationReview.as_view(),
        name="observation_review",
    ),
    path("uploads/", indicators.UploadList.as_view(), name="uploads"),
    path("uploads/<int:pk>/", indicators.UploadDetail.as_view(), name="upload"),
    path("uploads/<int:pk>/confirm/", indicators.UploadConfirm.as_view(), name="upload_confirm"),
    path("releases/", releases.ReleaseList.as_view(), name="releases"),
    path("releases/<int:number>/", releases.ReleaseDetail.as_view(), name="release"),
    path(
        "releases/<int:number>/statuses/",
        releases.ReleaseStatuses.as_view(),
        name="release_statuses",
    ),
    path("releases/<int:number>/values/", releases.ReleaseValues.as_view(), name="release_values"),
]
