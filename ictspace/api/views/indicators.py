"""Indicator observations and spreadsheet uploads through the same actions as the pages."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from ictspace import access
from ictspace.api import serializers as s
from ictspace.api.base import PROBLEM_RESPONSES, DetailView, Empty, ListView, valid_input
from ictspace.api.views.evidence import refuse_too_large
from ictspace.catalogue.models import Indicator
from ictspace.indicators import actions, tasks
from ictspace.indicators.imports import actions as imports


@extend_schema_view(
    get=extend_schema(
        operation_id="observations_list",
        description="Indicator values as the caller may see them; filter by indicator, place, period.",
    ),
    post=extend_schema(
        operation_id="observations_submit",
        description="Submit a value for review (values have no draft).",
        request=s.ObservationIn,
        responses={201: s.ObservationOut, **PROBLEM_RESPONSES},
    ),
)
class ObservationList(ListView):
    serializer_class = s.ObservationOut
    filters = {
        "library": "indicator__library__slug",
        "indicator": "indicator__code",
        "jurisdiction": "jurisdiction__code",
        "period": "period",
        "review_state": "review_state",
    }
    ordering_fields = ["period_start", "id"]

    def get_queryset(self):
        # Fetched after the page's rows, not joined (see StatusUpdateList).
        return access.observations_visible_to(self.request.user).prefetch_related(
            "jurisdiction", "indicator"
        )

    def post(self, request):
        data = valid_input(s.ObservationIn, request)
        jurisdiction = access.get_jurisdiction(request.user, data.pop("jurisdiction"))
        library = access.get_library(request.user, data.pop("library"))
        indicator = get_object_or_404(Indicator, library=library, code=data.pop("indicator"))
        observation = actions.do_submit_observation(
            jurisdiction=jurisdiction, indicator=indicator, acting_user=request.user, **data
        )
        return Response(s.ObservationOut(observation).data, status=status.HTTP_201_CREATED)


class ObservationReview(APIView):
    @extend_schema(
        operation_id="observations_review",
        description="Validate or return (with a reason) a submitted value: reviewers only.",
        request=s.ReviewIn,
        responses={200: s.ObservationOut, **PROBLEM_RESPONSES},
    )
    def post(self, request, pk: int):
        observation = get_object_or_404(access.observations_visible_to(request.user), pk=pk)
        data = valid_input(s.ReviewIn, request)
        observation = actions.do_review_observation(
            observation,
            decision=data["decision"],
            reason=data.get("reason", ""),
            acting_user=request.user,
        )
        return Response(s.ObservationOut(observation).data)


class UploadIn(serializers.Serializer):
    jurisdiction = serializers.CharField(max_length=16)
    file = serializers.FileField()


@extend_schema_view(
    get=extend_schema(operation_id="uploads_list", description="The caller's spreadsheet uploads."),
    post=extend_schema(
        operation_id="uploads_send",
        description="Send a CSV or XLSX of values; it is read in the background (poll it).",
        request={"multipart/form-data": UploadIn},
        responses={202: s.UploadOut, **PROBLEM_RESPONSES},
    ),
)
class UploadList(ListView):
    serializer_class = s.UploadOut
    parser_classes = [MultiPartParser]
    filters = {"state": "state", "jurisdiction": "jurisdiction__code"}
    ordering_fields = ["created_at", "id"]

    def get_queryset(self):
        return access.import_jobs_visible_to(self.request.user).select_related("jurisdiction")

    def post(self, request):
        refuse_too_large(request)
        data = valid_input(UploadIn, request)
        jurisdiction = access.get_jurisdiction(request.user, data["jurisdiction"])
        job = imports.do_upload_import(
            jurisdiction=jurisdiction, uploaded_file=data["file"], acting_user=request.user
        )
        tasks.read_import.enqueue(job.pk)
        return Response(s.UploadOut(job).data, status=status.HTTP_202_ACCEPTED)


@extend_schema_view(
    get=extend_schema(
        operation_id="uploads_read",
        description="Poll an upload: its state, progress, counts and first errors (the preview).",
    )
)
class UploadDetail(DetailView):
    serializer_class = s.UploadOut

    def get_queryset(self):
        return access.import_jobs_visible_to(self.request.user).select_related("jurisdiction")


class UploadConfirm(APIView):
    @extend_schema(
        operation_id="uploads_confirm",
        description="Apply a clean preview: its values are added as submitted, in the background.",
        request=Empty,
        responses={202: s.UploadOut, **PROBLEM_RESPONSES},
    )
    def post(self, request, pk: int):
        job = get_object_or_404(access.import_jobs_visible_to(request.user), pk=pk)
        job = imports.do_queue_apply(job, acting_user=request.user)
        tasks.apply_import.enqueue(job.pk, request.user.pk)
        return Response(s.UploadOut(job).data, status=status.HTTP_202_ACCEPTED)
