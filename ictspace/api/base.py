"""What every API endpoint shares: filters by query parameter, ETags on lists, problem docs."""

import hashlib
import json

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend, OrderingFilter
from rest_framework.response import Response

PROBLEM_RESPONSES = {
    400: OpenApiResponse(description="Invalid input: a problem document naming the field."),
    404: OpenApiResponse(description="Does not exist, or not visible to the caller."),
}


class ExactFilters(BaseFilterBackend):
    """`?name=value` narrows by the view's `filters = {name: lookup}`; values are plain text."""

    def filter_queryset(self, request, queryset, view):
        for name, lookup in getattr(view, "filters", {}).items():
            value = request.query_params.get(name)
            if value and "\x00" in value:  # PostgreSQL refuses NUL in text: say which field
                raise ValidationError({name: "A NUL character is not allowed."})
            if value:
                queryset = queryset.filter(**{lookup: value[:100]})
        return queryset

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": name,
                "required": False,
                "in": "query",
                "description": f"Only rows whose {name} is this value.",
                "schema": {"type": "string", "maxLength": 100},
            }
            for name in getattr(view, "filters", {})
        ]


class Ordering(OrderingFilter):
    """`?ordering=field` or `-field` among the view's `ordering_fields`."""

    def get_schema_operation_parameters(self, view):
        fields = list(getattr(view, "ordering_fields", None) or [])
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": "Sort by one of the listed fields; a leading - reverses.",
                "schema": {"type": "string", "enum": fields + [f"-{f}" for f in fields]},
            }
        ]


def etag_of(data) -> str:
    body = json.dumps(data, sort_keys=True, default=str).encode("utf-8")
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


class ListView(generics.ListAPIView):
    """A list with filters, ordering, cursor pages and conditional GET (ETag / If-None-Match)."""

    filter_backends = [ExactFilters, Ordering]
    filters: dict = {}

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        etag = etag_of(response.data)
        if etag in request.headers.get("If-None-Match", ""):
            response = Response(status=304)
        response["ETag"] = etag
        return response


class DetailView(generics.RetrieveAPIView):
    pass


class Empty(serializers.Serializer):
    pass


AS_OF = OpenApiParameter(
    "as_of", OpenApiTypes.DATE, description="The date the statuses stand at (default: today)."
)


def valid_input(serializer_class, request) -> dict:
    """The request body checked by its serializer; a field error becomes a problem (400)."""
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)
