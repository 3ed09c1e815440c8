"""What the API returns and accepts. Outputs are explicit field lists; inputs only parse."""

from rest_framework import serializers

from ictspace.catalogue.models import Indicator, Item, Library
from ictspace.directory.models import Appointment, Body, Jurisdiction, Organisation
from ictspace.indicators.models import ImportJob, Observation
from ictspace.releases.models import Release, ReleasedStatus, ReleasedValue
from ictspace.tracking.models import StatusUpdate


class Code(serializers.SlugRelatedField):
    """A related object by its code, read-only."""

    def __init__(self, field="code", **kwargs):
        super().__init__(slug_field=field, read_only=True, **kwargs)


# Directory ---------------------------------------------------------------------------


class JurisdictionOut(serializers.ModelSerializer):
    parent = Code(allow_null=True)

    class Meta:
        model = Jurisdiction
        fields = ["code", "iso_code", "name", "kind", "membership", "parent"]


class OrganisationOut(serializers.ModelSerializer):
    jurisdiction = Code(allow_null=True)
    parent = Code(allow_null=True)

    class Meta:
        model = Organisation
        fields = ["code", "name", "kind", "jurisdiction", "parent", "description"]


class BodyOut(serializers.ModelSerializer):
    jurisdiction = Code(allow_null=True)
    chair = Code(allow_null=True)

    class Meta:
        model = Body
        fields = ["code", "name", "kind", "jurisdiction", "chair", "source"]


class AppointmentOut(serializers.ModelSerializer):
    person = serializers.CharField(source="person.full_name", read_only=True)
    body = Code()
    jurisdiction = Code(allow_null=True)
    organisation = Code(allow_null=True)

    class Meta:
        model = Appointment
        fields = ["id", "person", "body", "role", "jurisdiction", "organisation", "start", "end"]


# Catalogue ---------------------------------------------------------------------------


class LibraryOut(serializers.ModelSerializer):
    class Meta:
        model = Library
        fields = ["slug", "title", "version", "loaded_at"]


class ItemOut(serializers.ModelSerializer):
    parent = Code(field="ref", allow_null=True)

    class Meta:
        model = Item
        fields = [
            "ref",
            "parent",
            "position",
            "kind",
            "title",
            "description",
            "assessable",
            "scale",
            "scope_kind",
            "due_value",
            "retired_in_version",
        ]


class IndicatorOut(serializers.ModelSerializer):
    library = Code(field="slug")
    item = Code(field="ref")

    class Meta:
        model = Indicator
        fields = ["code", "name", "unit", "direction", "library", "item"]


# Tracking ----------------------------------------------------------------------------


class StatusUpdateOut(serializers.ModelSerializer):
    jurisdiction = Code()
    library = serializers.CharField(source="item.library.slug", read_only=True)
    item = Code(field="ref")

    class Meta:
        model = StatusUpdate
        fields = [
            "id",
            "jurisdiction",
            "library",
            "item",
            "status",
            "percent_complete",
            "narrative",
            "effective_date",
            "source_citation",
            "review_state",
            "return_reason",
            "version",
            "created_at",
            "submitted_at",
            "reviewed_at",
        ]


class StatusDraftIn(serializers.Serializer):
    jurisdiction = serializers.CharField(max_length=16)
    library = serializers.CharField(max_length=80)
    item = serializers.CharField(max_length=80)
    status = serializers.CharField(max_length=40)
    effective_date = serializers.DateField()
    narrative = serializers.CharField(max_length=20000, required=False, allow_blank=True)
    percent_complete = serializers.IntegerField(
        min_value=0, max_value=100, required=False, allow_null=True
    )
    source_citation = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class StatusEditIn(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    status = serializers.CharField(max_length=40, required=False)
    effective_date = serializers.DateField(required=False)
    narrative = serializers.CharField(max_length=20000, required=False, allow_blank=True)
    percent_complete = serializers.IntegerField(
        min_value=0, max_value=100, required=False, allow_null=True
    )
    source_citation = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class ReviewIn(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["validate", "return"])
    reason = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class GapOut(serializers.Serializer):
    ref = serializers.CharField(source="item.ref")
    title = serializers.CharField(source="item.title")
    status = serializers.CharField(source="label")
    required = serializers.CharField(source="met_label")
    bucket = serializers.CharField()
    effective_date = serializers.DateField(source="cell.effective_date", allow_null=True)
    evidence_count = serializers.IntegerField()


# Indicators --------------------------------------------------------------------------


class ObservationOut(serializers.ModelSerializer):
    jurisdiction = Code()
    indicator = Code()
    value = serializers.SerializerMethodField()

    class Meta:
        model = Observation
        fields = [
            "id",
            "jurisdiction",
            "indicator",
            "period",
            "disaggregation",
            "value",
            "source",
            "note",
            "review_state",
            "return_reason",
            "outlier",
            "created_at",
        ]

    def get_value(self, obj) -> str:
        return obj.value_text or (f"{obj.value_number:f}" if obj.value_number is not None else "")


class ObservationIn(serializers.Serializer):
    jurisdiction = serializers.CharField(max_length=16)
    library = serializers.CharField(max_length=80)
    indicator = serializers.CharField(max_length=60)
    period = serializers.CharField(max_length=7)
    value = serializers.CharField(max_length=200)
    disaggregation = serializers.CharField(max_length=80, required=False, allow_blank=True)
    source = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class UploadOut(serializers.ModelSerializer):
    jurisdiction = Code()
    percent_done = serializers.IntegerField(read_only=True)

    class Meta:
        model = ImportJob
        fields = [
            "id",
            "jurisdiction",
            "original_name",
            "state",
            "total_rows",
            "processed_rows",
            "percent_done",
            "counts",
            "errors",
            "failure",
            "created_at",
            "applied_at",
        ]


# Releases ----------------------------------------------------------------------------


class ReleaseOut(serializers.ModelSerializer):
    libraries = Code(field="slug", many=True)
    jurisdictions = Code(many=True)
    tlp = serializers.CharField(read_only=True)

    class Meta:
        model = Release
        fields = [
            "number",
            "title",
            "as_of",
            "libraries",
            "jurisdictions",
            "licence",
            "licence_url",
            "tlp",
            "published_at",
            "withdrawn_at",
            "withdrawal_reason",
        ]


class ReleasedStatusOut(serializers.ModelSerializer):
    jurisdiction = Code()
    library = serializers.CharField(source="item.library.slug", read_only=True)
    item = Code(field="ref")

    class Meta:
        model = ReleasedStatus
        fields = ["jurisdiction", "library", "item", "status", "status_label", "bucket"]


class ReleasedValueOut(serializers.ModelSerializer):
    jurisdiction = Code()
    indicator = Code()
    value = serializers.SerializerMethodField()

    class Meta:
        model = ReleasedValue
        fields = ["jurisdiction", "indicator", "period", "disaggregation", "value", "source"]

    def get_value(self, obj) -> str:
        return obj.value_text or (f"{obj.value_number:f}" if obj.value_number is not None else "")
