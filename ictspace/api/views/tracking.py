"""Status updates through the same actions as the HTML pages: draft, edit, submit, review."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from ictspace import access
from ictspace.api import serializers as s
from ictspace.api.base import AS_OF, PROBLEM_RESPONSES, Empty, ListView, valid_input
from ictspace.api.problems import problem
from ictspace.catalogue.models import Item
from ictspace.tracking import actions, selectors
from ictspace.tracking.dates import parse_date_param


def _visible(request, pk):
    return get_object_or_404(
        access.status_updates_visible_to(request.user).select_related(
            "jurisdiction", "item__library"
        ),
        pk=pk,
    )


def _out(update) -> dict:
    return s.StatusUpdateOut(update).data


@extend_schema_view(
    get=extend_schema(
        operation_id="status_updates_list",
        description="The status stream as the caller may see it: validated history, own work.",
    ),
    post=extend_schema(
        operation_id="status_updates_create",
        description="Record a draft status for a jurisdiction and item (submitted separately).",
        request=s.StatusDraftIn,
        responses={201: s.StatusUpdateOut, **PROBLEM_RESPONSES},
    ),
)
class StatusUpdateList(ListView):
    serializer_class = s.StatusUpdateOut
    filters = {
        "jurisdiction": "jurisdiction__code",
        "library": "item__library__slug",
        "item": "item__ref",
        "review_state": "review_state",
    }
    ordering_fields = ["effective_date", "id"]

    def get_queryset(self):
        # Fetched after the page's rows, not joined: SQLite started such a join from the
        # small tables and sorted every update to return 50 (1 s at 100× the region).
        return access.status_updates_visible_to(self.request.user).prefetch_related(
            "jurisdiction", "item__library"
        )

    def post(self, request):
        data = valid_input(s.StatusDraftIn, request)
        jurisdiction = access.get_jurisdiction(request.user, data.pop("jurisdiction"))
        library = access.get_library(request.user, data.pop("library"))
        item = get_object_or_404(Item, library=library, ref=data.pop("item"))
        update = actions.do_draft_status_update(
            jurisdiction=jurisdiction, item=item, acting_user=request.user, **data
        )
        return Response(_out(update), status=status.HTTP_201_CREATED)


class StatusUpdateDetail(APIView):
    @extend_schema(
        operation_id="status_updates_read",
        description="One status update the caller may see.",
        responses={200: s.StatusUpdateOut, 404: PROBLEM_RESPONSES[404]},
    )
    def get(self, request, pk: int):
        return Response(_out(_visible(request, pk)))

    @extend_schema(
        operation_id="status_updates_edit",
        description="Change the caller's own draft; `version` must be the one read (else 409).",
        request=s.StatusEditIn,
        responses={
            200: s.StatusUpdateOut,
            409: OpenApiResponse(description="Changed since read."),
            **PROBLEM_RESPONSES,
        },
    )
    def patch(self, request, pk: int):
        update = _visible(request, pk)
        data = valid_input(s.StatusEditIn, request)
        version = data.pop("version")
        try:
            update = actions.do_edit_draft(
                update, expected_version=version, acting_user=request.user, **data
            )
        except actions.StaleDraft as stale:
            return problem(
                409, "Conflict", str(stale), [{"field": "version", "detail": str(stale)}]
            )
        return Response(_out(update))


class StatusUpdateSubmit(APIView):
    @extend_schema(
        operation_id="status_updates_submit",
        description="Send a draft to review.",
        request=Empty,
        responses={200: s.StatusUpdateOut, **PROBLEM_RESPONSES},
    )
    def post(self, request, pk: int):
        update = actions.do_submit_status_update(_visible(request, pk), acting_user=request.user)
        return Response(_out(update))


class StatusUpdateReview(APIView):
    @extend_schema(
        operation_id="status_updates_review",
        description="Validate or return (with a reason) a submitted update: reviewers only.",
        request=s.ReviewIn,
        responses={200: s.StatusUpdateOut, **PROBLEM_RESPONSES},
    )
    def post(self, request, pk: int):
        update = _visible(request, pk)
        data = valid_input(s.ReviewIn, request)
        update = actions.do_review_status_update(
            update,
            decision=data["decision"],
            reason=data.get("reason", ""),
            acting_user=request.user,
        )
        return Response(_out(update))


class JurisdictionStatuses(APIView):
    """Every tracked item of a library for a jurisdiction, with its status as of a date."""

    only_gaps = False

    @extend_schema(
        parameters=[AS_OF],
        responses={200: s.GapOut(many=True), **PROBLEM_RESPONSES},
    )
    def get(self, request, code: str, slug: str):
        jurisdiction = access.get_jurisdiction(request.user, code)
        library = access.get_library(request.user, slug)
        as_of, error = parse_date_param(request.query_params.get("as_of", ""), name="as_of")
        if error:
            return problem(400, "Invalid request", error, [{"field": "as_of", "detail": error}])
        as_of = as_of or timezone.localdate()
        rows = selectors.jurisdiction_rows(jurisdiction, library, as_of)
        if self.only_gaps:
            rows = [row for row in rows if row.is_gap]
        return Response(s.GapOut(rows, many=True).data)


@extend_schema_view(
    get=extend_schema(
        operation_id="statuses_as_of",
        description="The current status of every tracked item as of a date (default today).",
    )
)
class CurrentStatuses(JurisdictionStatuses):
    pass


@extend_schema_view(
    get=extend_schema(
        operation_id="gap_analysis",
        description="The gap analysis: items not met as of a date (default today).",
    )
)
class GapAnalysis(JurisdictionStatuses):
    only_gaps = True
