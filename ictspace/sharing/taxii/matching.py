"""`match[id]` and `match[type]` turned into filters on posts before any object is built.

STIX ids are uuid5 digests, so an id cannot be read back into a post number: the ids of
the reader's posts are recomputed from a few columns (no STIX object is built) and only
the posts that hold a requested id are converted.
"""

from django.db.models import Exists, OuterRef, Q

from ictspace.directory.models import Jurisdiction, Organisation
from ictspace.sharing.models import Observable
from ictspace.sharing.stix import ids
from ictspace.sharing.stix.convert import MAIN_TYPE
from ictspace.sharing.stix.markings import TLP2_IDS

KINDS_OF_TYPE = {
    stix_type: [kind for kind, main in MAIN_TYPE.items() if main == stix_type]
    for stix_type in set(MAIN_TYPE.values())
}
NOTHING = Q(pk__in=[])


def _with_observables():
    return Exists(Observable.objects.filter(post_id=OuterRef("pk")))


def for_types(types) -> Q:
    """The posts that hold at least one object of the requested types."""
    if {"identity", "marking-definition"} & set(types):
        return Q()
    found = NOTHING
    for stix_type in types:
        if stix_type in KINDS_OF_TYPE:
            found |= Q(kind__in=KINDS_OF_TYPE[stix_type])
        if stix_type == "indicator":
            found |= Q(_with_observables())
        if stix_type == "relationship":
            found |= Q(_with_observables(), kind="incident")
    return found


def _marking(wanted) -> Q:
    labels = [label for label, (marking_id, _name) in TLP2_IDS.items() if marking_id in wanted]
    return Q(label__in=labels) if labels else NOTHING


def _identity(wanted) -> Q:
    found = NOTHING
    for code in Organisation.objects.values_list("code", flat=True):
        if ids.identity_id("organisation", code) in wanted:
            found |= Q(organisation__code=code)
    for code in Jurisdiction.objects.values_list("code", flat=True):
        if ids.identity_id("jurisdiction", code) in wanted:
            found |= Q(organisation=None, jurisdiction__code=code) | Q(addressed_to__code=code)
    return found


def _post_parts(posts, wanted) -> Q:
    """The posts whose own objects (main, indicators, relationships) have a wanted id."""
    pks = {
        pk
        for pk, kind in posts.values_list("pk", "kind")
        if ids.post_object_id(MAIN_TYPE[kind], pk) in wanted
    }
    observables = Observable.objects.filter(post__in=posts.values("pk"))
    for post_id, kind, value in observables.values_list("post_id", "type", "value"):
        indicator = ids.post_object_id("indicator", post_id, kind, value)
        relationship = ids.post_object_id("relationship", post_id, "related-to", indicator)
        if {indicator, relationship} & wanted:
            pks.add(post_id)
    # At most one post per requested id: a short list, bounded by the request.
    return Q(pk__in=sorted(pks)) if pks else NOTHING


def for_ids(posts, wanted: frozenset) -> Q:
    """The posts that hold at least one of the requested ids."""
    found = NOTHING
    prefixes = {object_id.partition("--")[0] for object_id in wanted}
    if "marking-definition" in prefixes:
        found |= _marking(wanted)
    if "identity" in prefixes:
        found |= _identity(wanted)
    if prefixes - {"marking-definition", "identity"}:
        found |= _post_parts(posts, wanted)
    return found
