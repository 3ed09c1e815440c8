"""A collection's objects as TAXII pages: the filters, the `next` cursor, the dates.

Objects are listed in the order their current version was added (the post's update
time), then by post and by position inside the post; `next` names the first object of the
following page, so a page never repeats or skips an object while the posts stay put.
"""

import base64
import datetime
import json
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from ictspace import access
from ictspace.sharing.stix.convert import objects_of
from ictspace.sharing.stix.selectors import exportable
from ictspace.sharing.taxii import matching

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
MAX_IDS = 100
BATCH = 50  # posts converted per query while a page fills


class BadQuery(ValueError):
    """A parameter the client must fix (400), with a message saying which."""


def timestamp(moment: datetime.datetime) -> str:
    """TAXII's timestamp form: UTC, microseconds, `Z`."""
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_timestamp(text: str, name: str) -> datetime.datetime:
    moment = parse_datetime(text.strip())
    if moment is None or moment.tzinfo is None:
        raise BadQuery(
            _("%(name)s must be a UTC timestamp such as 2026-11-02T09:30:00Z.") % {"name": name}
        )
    return moment


@dataclass(frozen=True)
class Cursor:
    added: datetime.datetime
    post_id: int
    index: int

    def encode(self) -> str:
        raw = json.dumps([self.added.isoformat(), self.post_id, self.index])
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str) -> "Cursor":
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            added, post_id, index = json.loads(raw)
            cursor = cls(datetime.datetime.fromisoformat(added), int(post_id), int(index))
        except (ValueError, TypeError) as exc:
            raise BadQuery(_("next is not a value this server gave.")) from exc
        if cursor.added.tzinfo is None:
            raise BadQuery(_("next is not a value this server gave."))
        return cursor


@dataclass(frozen=True)
class Query:
    added_after: datetime.datetime | None = None
    ids: frozenset | None = None
    types: frozenset | None = None
    versions: frozenset = frozenset({"last"})
    limit: int = DEFAULT_LIMIT
    cursor: Cursor | None = None


def _list(params, name: str) -> frozenset | None:
    value = params.get(name)
    if value is None:
        return None
    return frozenset(v.strip() for v in value.split(",") if v.strip())


def _limit(params) -> int:
    text = params.get("limit", str(DEFAULT_LIMIT))
    if not (text.isascii() and text.isdigit()) or int(text) < 1:  # "²".isdigit() is true
        raise BadQuery(_("limit must be a positive whole number."))
    return min(int(text), MAX_LIMIT)


def _versions(params) -> frozenset:
    versions = _list(params, "match[version]") or frozenset({"last"})
    for version in versions - {"last", "first", "all"}:
        parse_timestamp(version, "match[version]")
    return versions


def parse(params, *, object_id: str | None = None) -> Query:
    """The query parameters of an objects, manifest or versions request."""
    ids = frozenset({object_id}) if object_id else _list(params, "match[id]")
    if ids is not None and len(ids) > MAX_IDS:
        raise BadQuery(_("match[id] names at most %(count)d ids.") % {"count": MAX_IDS})
    after = params.get("added_after")
    return Query(
        added_after=parse_timestamp(after, "added_after") if after else None,
        ids=ids,
        types=_list(params, "match[type]"),
        versions=_versions(params),
        limit=_limit(params),
        cursor=Cursor.decode(params["next"]) if params.get("next") else None,
    )


@dataclass(frozen=True)
class Item:
    obj: object
    added: datetime.datetime
    cursor: Cursor

    @property
    def version(self) -> str:
        return timestamp(self.obj.get("modified") or self.obj["created"])


@dataclass
class Page:
    items: list[Item] = field(default_factory=list)
    more: bool = False
    next: str | None = None


def _posts(user, collection, query: Query):
    """The reader's posts in the collection, narrowed by every filter that works on posts."""
    posts = access.posts_visible_to(user).filter(kind__in=collection.kinds)
    if query.added_after is not None:
        posts = posts.filter(updated_at__gt=query.added_after)
    if query.types is not None:
        posts = posts.filter(matching.for_types(query.types))
    if query.ids is not None:
        posts = posts.filter(matching.for_ids(posts, query.ids))
    return posts


def _keeps(query: Query, obj) -> bool:
    if query.types is not None and obj["type"] not in query.types:
        return False
    if query.ids is not None and obj["id"] not in query.ids:
        return False
    if query.versions & {"last", "first", "all"}:
        return True  # one version of each object is kept: it is first, last and all
    wanted = {parse_timestamp(v, "match[version]") for v in query.versions}
    return (obj.get("modified") or obj["created"]) in wanted


def _after(cursor: Cursor | None) -> Q:
    if cursor is None:
        return Q()
    return Q(updated_at__gt=cursor.added) | Q(updated_at=cursor.added, pk__gte=cursor.post_id)


def _items_of(post, query: Query, cursor: Cursor | None):
    kept = [obj for obj in objects_of(post) if _keeps(query, obj)]
    for index, obj in enumerate(kept):
        here = Cursor(post.updated_at, post.pk, index)
        if cursor and post.pk == cursor.post_id and index < cursor.index:
            continue
        yield Item(obj, post.updated_at, here)


def select(user, collection, query: Query) -> Page:
    """One page of the collection's objects for this reader."""
    posts = exportable(_posts(user, collection, query)).order_by("updated_at", "pk")
    page, cursor, shown = Page(), query.cursor, set()
    while True:
        batch = list(posts.filter(_after(cursor))[:BATCH])
        for post in batch:
            for item in _items_of(post, query, cursor):
                if (item.obj["id"], item.version) in shown:
                    continue  # an identity or marking another post of the page brought
                if len(page.items) == query.limit:
                    return Page(page.items, more=True, next=item.cursor.encode())
                page.items.append(item)
                shown.add((item.obj["id"], item.version))
        if len(batch) < BATCH:
            return page
        last = batch[-1]
        cursor = Cursor(last.updated_at, last.pk + 1, 0)
