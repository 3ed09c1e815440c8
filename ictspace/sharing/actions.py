"""Every write of the sharing app: posts, labels, observables, comments, attachments.

Each checks access itself, runs in one transaction and leaves an audit entry.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ictspace import access
from ictspace.audit.log import diff, record
from ictspace.files import kinds, names, storage
from ictspace.sharing import notify
from ictspace.sharing.models import Attachment, Comment, Kind, Observable, Post, RequestState
from ictspace.sharing.tlp import Audience
from ictspace.sharing.validation import check_recipients, normalised

# The per-kind fields a form may set (validation.REQUIRED says which each kind needs).
KIND_FIELDS = (
    "first_seen",
    "sector",
    "incident_type",
    "impact",
    "incident_status",
    "severity",
    "affected",
    "resource_type",
    "location",
    "availability",
    "conditions",
    "contact",
    "addressed_to",
)


def _lists(post: Post) -> dict:
    return {
        "named_jurisdictions": sorted(j.code for j in post.named_jurisdictions.all()),
        "recipient_organisations": sorted(o.code for o in post.recipient_organisations.all()),
        "recipients": sorted(u.email for u in post.recipients.all()),
    }


def _set_lists(post: Post, *, named_jurisdictions, recipient_organisations, recipients) -> None:
    if post.kind == Kind.REQUEST:  # the jurisdiction asked always reads its request
        named_jurisdictions = {*named_jurisdictions, post.addressed_to}
    check_recipients(
        label=post.label,
        audience=post.audience,
        named_jurisdictions=named_jurisdictions,
        organisations=recipient_organisations,
        recipients=recipients,
    )
    post.named_jurisdictions.set(named_jurisdictions)
    post.recipient_organisations.set(recipient_organisations)
    post.recipients.set(recipients)


def _audience_for(kind: str, audience: str) -> str:
    """A request goes at least to the jurisdiction it asks: 'origin only' becomes 'named'."""
    if kind == Kind.REQUEST and audience == Audience.ORIGIN:
        return Audience.NAMED
    return audience


@transaction.atomic
def do_create_post(
    *,
    kind: str,
    title: str,
    body: str,
    jurisdiction,
    label: str,
    audience: str,
    organisation=None,
    named_jurisdictions=(),
    recipient_organisations=(),
    recipients=(),
    fields: dict | None = None,
    observables=(),
    acting_user,
) -> Post:
    if not (access.can_share(acting_user) and access.can_post_for(acting_user, jurisdiction)):
        raise PermissionDenied
    now = timezone.now()
    post = Post(
        kind=kind,
        title=title.strip(),
        body=body.strip(),
        jurisdiction=jurisdiction,
        organisation=organisation,
        author=acting_user,
        label=label,
        audience=_audience_for(kind, audience),
        created_at=now,
        updated_at=now,
        request_state=RequestState.REQUESTED if kind == Kind.REQUEST else "",
        **{name: value for name, value in (fields or {}).items() if name in KIND_FIELDS},
    )
    post.full_clean()
    post.save()
    _set_lists(
        post,
        named_jurisdictions=named_jurisdictions,
        recipient_organisations=recipient_organisations,
        recipients=recipients,
    )
    for type_, value in observables:
        _add_observable(post, type_=type_, value=value)
    record(
        actor=acting_user,
        action="create_post",
        obj=post,
        changes=diff({}, {"kind": kind, "label": label, "audience": post.audience, **_lists(post)}),
    )
    transaction.on_commit(lambda: notify.notify_readers(post.pk))
    return post


def _lock(post: Post) -> Post:
    return Post.objects.select_for_update().get(pk=post.pk)


@transaction.atomic
def do_edit_post(
    post: Post,
    *,
    title: str,
    body: str,
    audience: str,
    named_jurisdictions=(),
    recipient_organisations=(),
    recipients=(),
    fields: dict | None = None,
    acting_user,
) -> Post:
    """The originator edits text, fields and audience; the label changes only by do_change_label."""
    post = _lock(post)
    if not access.can_edit_post(acting_user, post):
        raise PermissionDenied
    watched = ("title", "body", "audience", *KIND_FIELDS)
    before = {name: getattr(post, name) for name in watched} | _lists(post)
    post.title, post.body = title.strip(), body.strip()
    post.audience = _audience_for(post.kind, audience)
    for name, value in (fields or {}).items():
        if name in KIND_FIELDS and name != "addressed_to":  # a request keeps its addressee
            setattr(post, name, value)
    post.updated_at = timezone.now()
    post.full_clean()
    post.save()
    _set_lists(
        post,
        named_jurisdictions=named_jurisdictions,
        recipient_organisations=recipient_organisations,
        recipients=recipients,
    )
    after = {name: getattr(post, name) for name in watched} | _lists(post)
    record(actor=acting_user, action="edit_post", obj=post, changes=diff(before, after))
    return post


@transaction.atomic
def do_change_label(
    post: Post, *, label: str, recipient_organisations=None, recipients=None, acting_user
) -> Post:
    """Lower (originator only) or raise (originator or Secretariat) a label; audited old → new."""
    post = _lock(post)
    if not access.posts_visible_to(acting_user).filter(pk=post.pk).exists():
        raise PermissionDenied
    if not access.can_change_label(acting_user, post, label):
        raise PermissionDenied
    if label == post.label:
        return post
    old = post.label
    post.label = label
    post.updated_at = timezone.now()
    post.full_clean()
    post.save(update_fields=["label", "updated_at"])
    _set_lists(
        post,
        named_jurisdictions=list(post.named_jurisdictions.all()),
        recipient_organisations=(
            list(post.recipient_organisations.all())
            if recipient_organisations is None
            else recipient_organisations
        ),
        recipients=list(post.recipients.all()) if recipients is None else recipients,
    )
    record(actor=acting_user, action="change_label", obj=post, changes={"label": [old, label]})
    return post


def _add_observable(post: Post, *, type_: str, value: str, note: str = "") -> Observable:
    if post.kind != Kind.INCIDENT:
        raise ValidationError(_("Only an incident report carries observables."))
    observable = Observable(post=post, type=type_, value=normalised(type_, value), note=note)
    observable.full_clean()
    observable.save()
    return observable


@transaction.atomic
def do_add_observable(post: Post, *, type: str, value: str, note: str = "", acting_user):
    post = _lock(post)
    if not access.can_edit_post(acting_user, post):
        raise PermissionDenied
    observable = _add_observable(post, type_=type, value=value, note=note)
    record(
        actor=acting_user,
        action="add_observable",
        obj=observable,
        changes=diff({}, {"post": post.pk, "type": observable.type, "value": observable.value}),
    )
    return observable


@transaction.atomic
def do_remove_observable(observable: Observable, *, acting_user) -> None:
    if not access.can_edit_post(acting_user, _lock(observable.post)):
        raise PermissionDenied
    changes = diff({"type": observable.type, "value": observable.value}, {})
    record(actor=acting_user, action="remove_observable", obj=observable, changes=changes)
    observable.delete()


@transaction.atomic
def do_add_comment(post: Post, *, body: str, acting_user) -> Comment:
    """A comment on a post the user reads; it inherits the post's label and audience."""
    if not access.posts_visible_to(acting_user).filter(pk=post.pk).exists():
        raise PermissionDenied
    if not access.can_comment(acting_user, post):
        raise PermissionDenied
    if not body.strip():
        raise ValidationError({"body": _("Write something to comment.")})
    comment = Comment(post=post, author=acting_user, body=body.strip(), created_at=timezone.now())
    comment.full_clean()
    comment.save()
    record(actor=acting_user, action="add_comment", obj=comment, changes={"post": [None, post.pk]})
    return comment


@transaction.atomic
def do_attach_file(post: Post, *, uploaded_file, acting_user) -> Attachment:
    """A file checked by the shared file service, kept privately by its SHA-256."""
    post = _lock(post)
    if not access.can_edit_post(acting_user, post):
        raise PermissionDenied
    try:
        detected = kinds.inspect(uploaded_file, kinds.EVIDENCE)
    except ValidationError as exc:
        raise ValidationError({"file": exc.error_list}) from None
    item = Attachment(
        post=post,
        original_name=names.safe_download_name(uploaded_file.name, detected.extension),
        content_type=detected.content_type,
        size=uploaded_file.size,
        sha256=kinds.sha256_of(uploaded_file),
        added_by=acting_user,
        added_at=timezone.now(),
    )
    item.file.name = storage.blob_name(item.sha256)
    item.full_clean()
    with storage.stored(uploaded_file, sha256=item.sha256):
        item.save()
        fields = {"post": post.pk, "name": item.original_name, "sha256": item.sha256}
        record(actor=acting_user, action="attach_file", obj=item, changes=diff({}, fields))
    return item


def _move_request(post: Post, *, to: str, allowed, acting_user) -> Post:
    post = _lock(post)
    if not access.posts_visible_to(acting_user).filter(pk=post.pk).exists():
        raise PermissionDenied
    if not allowed(acting_user, post):
        raise PermissionDenied
    old = post.request_state
    post.request_state = to
    post.updated_at = timezone.now()
    post.save(update_fields=["request_state", "updated_at"])
    record(actor=acting_user, action="move_request", obj=post, changes={"request_state": [old, to]})
    return post


@transaction.atomic
def do_accept_request(post: Post, *, acting_user) -> Post:
    return _move_request(
        post, to=RequestState.ACCEPTED, allowed=access.can_answer_request, acting_user=acting_user
    )


@transaction.atomic
def do_decline_request(post: Post, *, acting_user) -> Post:
    return _move_request(
        post, to=RequestState.DECLINED, allowed=access.can_answer_request, acting_user=acting_user
    )


@transaction.atomic
def do_complete_request(post: Post, *, acting_user) -> Post:
    return _move_request(
        post, to=RequestState.DONE, allowed=access.can_complete_request, acting_user=acting_user
    )
