"""Directory resources: jurisdictions, organisations, bodies, appointments as the caller may see."""

from drf_spectacular.utils import extend_schema, extend_schema_view

from ictspace import access
from ictspace.api import serializers as s
from ictspace.api.base import DetailView, ListView
from ictspace.directory.models import Body, Organisation


@extend_schema_view(
    get=extend_schema(operation_id="jurisdictions_list", description="The region and its states.")
)
class JurisdictionList(ListView):
    serializer_class = s.JurisdictionOut
    filters = {"kind": "kind", "membership": "membership"}
    ordering_fields = ["code", "name"]

    def get_queryset(self):
        return access.jurisdictions_visible_to(self.request.user).select_related("parent")


@extend_schema_view(
    get=extend_schema(operation_id="jurisdictions_read", description="One jurisdiction by code.")
)
class JurisdictionDetail(DetailView):
    serializer_class = s.JurisdictionOut
    lookup_field = "code"

    def get_queryset(self):
        return access.jurisdictions_visible_to(self.request.user).select_related("parent")


@extend_schema_view(
    get=extend_schema(
        operation_id="organisations_list", description="Agencies and bodies' members."
    )
)
class OrganisationList(ListView):
    serializer_class = s.OrganisationOut
    filters = {"kind": "kind", "jurisdiction": "jurisdiction__code"}
    ordering_fields = ["code", "name"]

    def get_queryset(self):
        # The directory's organisations are public, as on its HTML pages.
        return Organisation.objects.select_related("jurisdiction", "parent")


@extend_schema_view(
    get=extend_schema(operation_id="bodies_list", description="Committees, CSIRTs and agencies.")
)
class BodyList(ListView):
    serializer_class = s.BodyOut
    filters = {"kind": "kind", "jurisdiction": "jurisdiction__code"}
    ordering_fields = ["code", "name"]

    def get_queryset(self):
        return Body.objects.select_related("jurisdiction", "chair")


@extend_schema_view(
    get=extend_schema(
        operation_id="appointments_list",
        description="Who holds which seat: signed-in roles only (empty otherwise).",
    )
)
class AppointmentList(ListView):
    serializer_class = s.AppointmentOut
    filters = {"body": "body__code", "jurisdiction": "jurisdiction__code", "role": "role"}
    ordering_fields = ["start", "id"]

    def get_queryset(self):
        return access.appointments_visible_to(self.request.user).select_related(
            "person", "body", "jurisdiction", "organisation"
        )
