"""Libraries, their items and indicators: the plans as the caller may see them."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view

from ictspace import access
from ictspace.api import serializers as s
from ictspace.api.base import DetailView, ListView
from ictspace.catalogue.models import Indicator, Item


@extend_schema_view(
    get=extend_schema(
        operation_id="libraries_list", description="Plans, standards and indicator sets."
    )
)
class LibraryList(ListView):
    serializer_class = s.LibraryOut
    ordering_fields = ["slug", "title"]

    def get_queryset(self):
        return access.libraries_visible_to(self.request.user)


@extend_schema_view(
    get=extend_schema(operation_id="libraries_read", description="One library by slug.")
)
class LibraryDetail(DetailView):
    serializer_class = s.LibraryOut
    lookup_field = "slug"

    def get_queryset(self):
        return access.libraries_visible_to(self.request.user)


@extend_schema_view(
    get=extend_schema(operation_id="items_list", description="A library's items in document order.")
)
class ItemList(ListView):
    serializer_class = s.ItemOut
    filters = {"kind": "kind", "parent": "parent__ref"}
    ordering_fields = ["position", "ref"]

    def get_queryset(self):
        library = access.get_library(self.request.user, self.kwargs["slug"])
        return Item.objects.filter(library=library).select_related("parent")


@extend_schema_view(
    get=extend_schema(operation_id="items_read", description="One item of a library by its ref.")
)
class ItemDetail(DetailView):
    serializer_class = s.ItemOut

    def get_object(self):
        library = access.get_library(self.request.user, self.kwargs["slug"])
        return get_object_or_404(
            Item.objects.select_related("parent"), library=library, ref=self.kwargs["ref"]
        )


@extend_schema_view(
    get=extend_schema(operation_id="indicators_list", description="Indicator definitions.")
)
class IndicatorList(ListView):
    serializer_class = s.IndicatorOut
    filters = {"library": "library__slug", "code": "code"}
    ordering_fields = ["code", "id"]

    def get_queryset(self):
        if not access.can_view_indicators(self.request.user):
            return Indicator.objects.none()
        libraries = access.libraries_visible_to(self.request.user)
        return Indicator.objects.filter(library__in=libraries).select_related("library", "item")
