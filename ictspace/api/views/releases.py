"""Releases: what the Secretariat published, readable by anyone, signed in or not."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view

from ictspace import access
from ictspace.api import serializers as s
from ictspace.api.base import DetailView, ListView
from ictspace.releases.models import ReleasedStatus, ReleasedValue


def _release(request, number):
    return get_object_or_404(access.releases_visible_to(request.user), number=number)


@extend_schema_view(
    get=extend_schema(operation_id="releases_list", description="Published releases, newest first.")
)
class ReleaseList(ListView):
    serializer_class = s.ReleaseOut
    ordering_fields = ["number", "as_of"]

    def get_queryset(self):
        return access.releases_visible_to(self.request.user).prefetch_related(
            "libraries", "jurisdictions"
        )


@extend_schema_view(
    get=extend_schema(operation_id="releases_read", description="One release by its number.")
)
class ReleaseDetail(DetailView):
    serializer_class = s.ReleaseOut
    lookup_field = "number"

    def get_queryset(self):
        return access.releases_visible_to(self.request.user).prefetch_related(
            "libraries", "jurisdictions"
        )


@extend_schema_view(
    get=extend_schema(
        operation_id="releases_statuses", description="The statuses frozen in a release."
    )
)
class ReleaseStatuses(ListView):
    serializer_class = s.ReleasedStatusOut
    filters = {"jurisdiction": "jurisdiction__code", "library": "item__library__slug"}
    ordering_fields = ["id"]

    def get_queryset(self):
        release = _release(self.request, self.kwargs["number"])
        return ReleasedStatus.objects.filter(release=release).select_related(
            "jurisdiction", "item__library"
        )


@extend_schema_view(
    get=extend_schema(
        operation_id="releases_values", description="The indicator values frozen in a release."
    )
)
class ReleaseValues(ListView):
    serializer_class = s.ReleasedValueOut
    filters = {"jurisdiction": "jurisdiction__code", "indicator": "indicator__code"}
    ordering_fields = ["id"]

    def get_queryset(self):
        release = _release(self.request, self.kwargs["number"])
        return ReleasedValue.objects.filter(release=release).select_related(
            "jurisdiction", "indicator"
        )
