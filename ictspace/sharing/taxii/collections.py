"""The collections: one of every post, and one per kind of post.

Per kind rather than per audience: the ids are the same for every reader and every
national instance (a CSIRT configures them once), and a post never moves between
collections when its label or audience changes. Who reads which post is decided per
object by access.posts_visible_to, as everywhere else.
"""

import uuid
from dataclasses import dataclass

from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ictspace import access
from ictspace.sharing.models import Kind

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://ictspace.caricom/taxii/collections")


@dataclass(frozen=True)
class Collection:
    id: str
    title: Promise
    description: Promise
    kinds: tuple[str, ...]

    def as_taxii(self) -> dict:
        from ictspace.sharing.taxii.responses import STIX

        return {
            "id": self.id,
            "title": str(self.title),
            "description": str(self.description),
            "can_read": True,
            "can_write": False,
            "media_types": [STIX],
        }


def _collection(name: str, title, description, kinds) -> Collection:
    return Collection(str(uuid.uuid5(NAMESPACE, name)), title, description, tuple(kinds))


COLLECTIONS = [
    _collection(
        "posts",
        _("All shared posts"),
        _("Every post of the Regional Cyber Committee that this token's owner may read."),
        Kind.values,
    ),
    *[
        _collection(
            kind.value,
            kind.label,
            _("The posts of this kind that this token's owner may read."),
            [kind.value],
        )
        for kind in Kind
    ],
]


def collections_visible_to(user) -> list[Collection]:
    if not access.can_export_posts(user):
        return []
    return COLLECTIONS


def get_collection(user, collection_id) -> Collection:
    """The collection, or 404 when it does not exist or the user may not see it."""
    for collection in collections_visible_to(user):
        if collection.id == str(collection_id):
            return collection
    raise Http404
