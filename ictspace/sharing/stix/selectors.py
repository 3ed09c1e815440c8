"""Reading posts for STIX: everything the conversion touches, in a constant number of queries."""

from django.db.models import Prefetch

from ictspace import access
from ictspace.sharing.models import Observable


def exportable(posts):
    """The posts with their directory entries and observables loaded alongside."""
    return posts.select_related("organisation", "jurisdiction", "addressed_to").prefetch_related(
        Prefetch("observables", queryset=Observable.objects.order_by("type", "value"))
    )


def posts_for_stix(user):
    """What the user may read, oldest change first (the order TAXII pages in)."""
    return exportable(access.posts_visible_to(user)).order_by("updated_at", "pk")
