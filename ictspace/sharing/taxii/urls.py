"""TAXII 2.1 at /taxii2/: discovery, one API root, its collections and their objects."""

from django.urls import path, register_converter

from ictspace.sharing.taxii import views


class StixId:
    """`type--uuid`: letters, digits and dashes only, so nothing odd reaches the database."""

    regex = r"[a-z0-9][a-z0-9-]{0,60}--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(StixId, "stix_id")
app_name = "taxii"
COLLECTION = "sharing/collections/<uuid:collection_id>/"
urlpatterns = [
    path("", views.discovery, name="discovery"),
    path("sharing/", views.api_root, name="api_root"),
    path("sharing/collections/", views.collections, name="collections"),
    path(COLLECTION, views.collection, name="collection"),
    path(COLLECTION + "objects/", views.objects, name="objects"),
    path(COLLECTION + "objects/<stix_id:object_id>/", views.object_by_id, name="object"),
    path(COLLECTION + "objects/<stix_id:object_id>/versions/", views.versions, name="versions"),
    path(COLLECTION + "manifest/", views.manifest, name="manifest"),
]
