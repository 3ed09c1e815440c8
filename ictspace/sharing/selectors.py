"""Reads of the sharing app: the list, search, the registry and open assistance requests.

Every read starts from access.posts_visible_to, so no page shows what the rules hide.
"""

from django.db.models import Count, Q

from ictspace import access
from ictspace.sharing.models import Kind, Post, RequestState

SORTS = {
    "new": ("-created_at", "-pk"),
    "old": ("created_at", "pk"),
    "updated": ("-updated_at", "-pk"),
    "title": ("title", "pk"),
}


def posts(user, *, kind="", label="", jurisdiction=None, q="", sort="new"):
    """The posts the user reads, filtered, searched and sorted, ready for a page."""
    found = access.posts_visible_to(user)
    if kind:
        found = found.filter(kind=kind)
    if label:
        found = found.filter(label=label)
    if jurisdiction is not None:
        found = found.filter(jurisdiction=jurisdiction)
    if q:
        found = found.filter(_matches(q))
    return (
        found.select_related("jurisdiction", "author", "addressed_to")
        .annotate(comment_count=Count("comments", distinct=True))
        .order_by(*SORTS.get(sort, SORTS["new"]))
    )


def _matches(q: str) -> Q:
    """Words in the title, description, offer fields or an observable's value."""
    match = Q()
    for word in q.split()[:8]:
        match &= (
            Q(title__icontains=word)
            | Q(body__icontains=word)
            | Q(location__icontains=word)
            | Q(conditions__icontains=word)
            | Q(affected__icontains=word)
            | Q(pk__in=_observable_posts(word))
        )
    return match


def _observable_posts(word: str):
    from ictspace.sharing.models import Observable

    return Observable.objects.filter(value__icontains=word).values("post_id")


def registry(user, *, resource_type="", jurisdiction=None, q=""):
    """The resource and expertise registry: the offers the user reads."""
    found = posts(user, kind=Kind.OFFER, jurisdiction=jurisdiction, q=q, sort="title")
    if resource_type:
        found = found.filter(resource_type=resource_type)
    return found


def assistance_for(user):
    """Open requests for assistance to or from the user's jurisdictions (for home pages)."""
    states = access.own_jurisdiction_ids(user)
    if not states:
        return Post.objects.none()
    return (
        access.posts_visible_to(user)
        .filter(kind=Kind.REQUEST)
        .filter(request_state__in=[RequestState.REQUESTED, RequestState.ACCEPTED])
        .filter(Q(jurisdiction_id__in=states) | Q(addressed_to_id__in=states))
        .select_related("jurisdiction", "addressed_to")
        .order_by("-created_at", "-pk")
    )


def post_for(user, pk: int) -> Post:
    """One post the user reads, with what the detail page shows (404 otherwise)."""
    from django.http import Http404

    post = (
        access.posts_visible_to(user)
        .select_related("jurisdiction", "organisation", "author", "addressed_to")
        .filter(pk=pk)
        .first()
    )
    if post is None:
        raise Http404
    return post


def detail(user, post: Post) -> dict:
    """Comments, attachments, observables and recipient lists of one readable post."""
    return {
        "observables": list(post.observables.order_by("type", "value")),
        "comments": list(post.comments.select_related("author").order_by("created_at", "pk")),
        "attachments": list(post.attachments.order_by("added_at", "pk")),
        "named_jurisdictions": list(post.named_jurisdictions.order_by("name")),
        "recipient_organisations": list(post.recipient_organisations.order_by("name")),
        "recipients": list(post.recipients.order_by("email")),
    }
