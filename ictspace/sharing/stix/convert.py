"""A post as STIX 2.1 objects: its main object, an indicator per observable, their links.

incident → incident; alert or advisory → report; lesson, offer, request → note. Every
object carries the post's TLP 2.0 marking, is created by the originating organisation's
identity, and takes `created`/`modified` from the post, so a re-export is identical until
the post changes.
"""

import stix2

from ictspace.sharing.stix import ids
from ictspace.sharing.stix.markings import marking_for
from ictspace.sharing.stix.patterns import pattern_for

# Directory entries carry no timestamps: their identities keep one fixed version.
IDENTITY_VERSION = "2026-01-01T00:00:00.000Z"
MAIN_TYPE = {
    "incident": "incident",
    "alert": "report",
    "lesson": "note",
    "offer": "note",
    "request": "note",
}
# The fields each kind adds to the text, in the order a reader expects them.
DETAIL_FIELDS = {
    "incident": ["first_seen", "sector", "incident_type", "impact", "incident_status"],
    "alert": ["severity", "affected"],
    "offer": ["resource_type", "location", "availability", "conditions", "contact"],
    "request": ["resource_type", "addressed_to", "request_state"],
}


def identity(kind: str, entry) -> stix2.Identity:
    """An organisation or a jurisdiction of the directory, named by its code."""
    return stix2.Identity(
        id=ids.identity_id(kind, entry.code),
        name=entry.name,
        identity_class="organization",
        sectors=["government"] if kind == "jurisdiction" else None,
        created=IDENTITY_VERSION,
        modified=IDENTITY_VERSION,
    )


def author_identity(post) -> stix2.Identity:
    if post.organisation is not None:
        return identity("organisation", post.organisation)
    return identity("jurisdiction", post.jurisdiction)


def details(post) -> str:
    """The kind's own fields as `Label: value` lines under the body."""
    lines = []
    for name in DETAIL_FIELDS.get(post.kind, []):
        value = getattr(post, name)
        if value in ("", None):
            continue
        shown = getattr(post, f"get_{name}_display", lambda v=value: v)()
        verbose = post._meta.get_field(name).verbose_name
        lines.append(f"{str(verbose).capitalize()}: {shown}")
    return "\n\n".join(filter(None, [post.body, "\n".join(lines)]))


def _common(post, author) -> dict:
    return {
        "created": post.created_at,
        "modified": post.updated_at,
        "created_by_ref": author.id,
        "object_marking_refs": [marking_for(post.label).id],
    }


def indicators(post, author) -> list[stix2.Indicator]:
    found = []
    for observable in post.observables.all():
        pattern = pattern_for(observable.type, observable.value)
        if pattern is None:
            continue
        found.append(
            stix2.Indicator(
                id=ids.post_object_id("indicator", post.pk, observable.type, observable.value),
                name=str(observable),
                description=observable.note or None,
                pattern=pattern,
                pattern_type="stix",
                valid_from=post.created_at,
                **_common(post, author),
            )
        )
    return found


def main_object(post, author, refs: list[str]):
    common = _common(post, author) | {"id": ids.post_object_id(MAIN_TYPE[post.kind], post.pk)}
    if post.kind == "incident":
        return stix2.Incident(name=post.title, description=details(post), **common)
    if post.kind == "alert":
        return stix2.Report(
            name=post.title,
            description=details(post),
            report_types=["threat-report"],
            published=post.created_at,
            object_refs=refs,
            **common,
        )
    return stix2.Note(abstract=post.title, content=details(post), object_refs=refs, **common)


def related(post, author, source_ids: list[str], target_id: str) -> list[stix2.Relationship]:
    return [
        stix2.Relationship(
            id=ids.post_object_id("relationship", post.pk, "related-to", source),
            relationship_type="related-to",
            source_ref=source,
            target_ref=target_id,
            **_common(post, author),
        )
        for source in source_ids
    ]


def objects_of(post) -> list:
    """Every STIX object of one post, the shared ones (identities, marking) first."""
    author = author_identity(post)
    shared = [author, marking_for(post.label)]
    found = indicators(post, author)
    refs = [i.id for i in found] or [author.id]
    if post.kind == "request" and post.addressed_to is not None:
        addressed = identity("jurisdiction", post.addressed_to)
        shared.append(addressed)
        refs = [*refs, addressed.id]
    main = main_object(post, author, refs)
    links = related(post, author, [i.id for i in found], main.id) if post.kind == "incident" else []
    return [*shared, main, *found, *links]


def unique(objects) -> list:
    """Each id once (identities and markings are shared by many posts)."""
    seen = {}
    for obj in objects:
        seen.setdefault(obj["id"], obj)
    return list(seen.values())


def bundle_of(posts) -> stix2.Bundle:
    """One bundle for the given posts (already narrowed to what the reader may see)."""
    objects = unique(obj for post in posts for obj in objects_of(post))
    return stix2.Bundle(objects=objects, id=ids.bundle_id(objects))
