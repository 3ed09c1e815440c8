"""Evidence of a status update: list, add a file or a link (to one's own draft), download."""

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from ictspace import access
from ictspace.api.base import PROBLEM_RESPONSES
from ictspace.files import kinds, names, serving
from ictspace.files.uploads import MAX_UPLOAD_BYTES
from ictspace.tracking.evidence import actions
from ictspace.tracking.models import Evidence


class EvidenceOut(serializers.ModelSerializer):
    class Meta:
        model = Evidence
        fields = [
            "id",
            "kind",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "url",
            "title",
            "accessed_on",
            "citation",
            "added_at",
        ]


class EvidenceIn(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["file", "link"])
    citation = serializers.CharField(max_length=5000)
    file = serializers.FileField(required=False, allow_empty_file=True)
    url = serializers.URLField(max_length=2000, required=False)
    title = serializers.CharField(max_length=300, required=False)
    accessed_on = serializers.DateField(required=False, allow_null=True)


def refuse_too_large(request) -> None:
    """The upload handler stopped a file past the limit: name the field and say why."""
    if getattr(request._request, "upload_too_large", None):
        raise ValidationError({"file": f"The file is larger than {MAX_UPLOAD_BYTES} bytes."})


class EvidenceList(APIView):
    parser_classes = [MultiPartParser, JSONParser]  # a link may come as JSON

    def _update(self, request, pk):
        return get_object_or_404(access.status_updates_visible_to(request.user), pk=pk)

    @extend_schema(
        operation_id="evidence_list",
        description="The evidence backing a status update the caller may see.",
        responses={200: EvidenceOut(many=True), 404: PROBLEM_RESPONSES[404]},
    )
    def get(self, request, pk: int):
        rows = access.evidence_visible_to(request.user).filter(update=self._update(request, pk))
        return Response(EvidenceOut(rows.order_by("id"), many=True).data)

    @extend_schema(
        operation_id="evidence_add",
        description="Add a file (sniffed, at most 20 MB) or a link to one's own draft.",
        request={"multipart/form-data": EvidenceIn, "application/json": EvidenceIn},
        responses={201: EvidenceOut, **PROBLEM_RESPONSES},
    )
    def post(self, request, pk: int):
        refuse_too_large(request)
        update = self._update(request, pk)
        given = EvidenceIn(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        if data["kind"] == "file":
            if "file" not in data:
                raise ValidationError({"file": "Send the file."})
            item = actions.do_attach_file(
                update,
                uploaded_file=data["file"],
                citation=data["citation"],
                acting_user=request.user,
            )
        else:
            missing = {f: "This field is required." for f in ("url", "title") if f not in data}
            if missing:
                raise ValidationError(missing)
            item = actions.do_attach_link(
                update,
                url=data["url"],
                title=data["title"],
                accessed_on=data.get("accessed_on"),
                citation=data["citation"],
                acting_user=request.user,
            )
        return Response(EvidenceOut(item).data, status=status.HTTP_201_CREATED)


class AnyAccept(BaseContentNegotiation):
    """A download is the file whatever the client accepts; errors stay problem documents."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class EvidenceDownload(APIView):
    content_negotiation_class = AnyAccept

    @extend_schema(
        operation_id="evidence_download",
        description="The evidence file, served as stored (never a link).",
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            404: OpenApiResponse(description="Missing, a link, or not visible to the caller."),
        },
    )
    def get(self, request, pk: int):
        files = access.evidence_visible_to(request.user).filter(kind=Evidence.Kind.FILE)
        item = get_object_or_404(files, pk=pk)
        name = names.safe_download_name(item.original_name, kinds.extension_for(item.content_type))
        return serving.file_response(item.file, name=name, content_type=item.content_type)
