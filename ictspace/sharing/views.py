"""The sharing pages: list and search, a post, writing and editing, the registry, files."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from ictspace import access
from ictspace.directory.models import Jurisdiction
from ictspace.files import kinds, names, serving
from ictspace.files.uploads import refuse_if_too_large
from ictspace.forms import add_action_errors
from ictspace.responses import refuse_unless_post
from ictspace.sharing import actions, selectors
from ictspace.sharing.forms import (
    AttachmentForm,
    CommentForm,
    LabelForm,
    ListFilterForm,
    NewPostForm,
    ObservableForm,
    PostForm,
)
from ictspace.sharing.models import Kind, ResourceType
from ictspace.sharing.tlp import DEFINITIONS

PAGE_SIZE = 25


def _filters(request) -> tuple[ListFilterForm, dict]:
    form = ListFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    return form, {
        "kind": data.get("kind", ""),
        "label": data.get("label", ""),
        "jurisdiction": data.get("jurisdiction"),
        "q": data.get("q", ""),
        "sort": data.get("sort") or "new",
    }


@login_required
@require_safe
def post_list(request):
    access.require(access.can_view_sharing(request.user))
    form, filters = _filters(request)
    page = Paginator(selectors.posts(request.user, **filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "sharing/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "kinds": Kind.choices,
            "can_share": access.can_share(request.user),
        },
    )


@login_required
@require_safe
def post_export(request):
    """The list the user sees (same filters), as CSV."""
    access.require(access.can_view_sharing(request.user))
    _form, filters = _filters(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="shared-posts.csv"'
    writer = csv.writer(response)
    writer.writerow(["id", "tlp", "kind", "title", "jurisdiction", "created_at", "comments"])
    for post in selectors.posts(request.user, **filters).iterator(chunk_size=500):
        writer.writerow(
            [
                post.pk,
                post.get_label_display(),
                post.kind,
                _spreadsheet_safe(post.title),
                post.jurisdiction.code,
                post.created_at.isoformat(),
                post.comment_count,
            ]
        )
    return response


def _spreadsheet_safe(text: str) -> str:
    # A cell starting with = + - @ would run as a formula when the CSV is opened.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


@login_required
@require_safe
def registry(request):
    """The resource and expertise registry: offers, searchable by type, state and words."""
    access.require(access.can_view_sharing(request.user))
    resource_type = request.GET.get("resource_type", "")
    if resource_type not in ResourceType.values:
        resource_type = ""
    code = request.GET.get("jurisdiction", "")
    jurisdiction = Jurisdiction.objects.filter(code=code).first() if code else None
    offers = selectors.registry(
        request.user,
        resource_type=resource_type,
        jurisdiction=jurisdiction,
        q=request.GET.get("q", "")[:200],
    )
    page = Paginator(offers, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "sharing/registry.html",
        {
            "page": page,
            "resource_types": ResourceType.choices,
            "resource_type": resource_type,
            "jurisdictions": Jurisdiction.objects.order_by("name"),
            "jurisdiction": jurisdiction,
            "q": request.GET.get("q", "")[:200],
            "requests": selectors.assistance_for(request.user),
        },
    )


@login_required
@require_safe
def post_detail(request, pk: int):
    post = selectors.post_for(request.user, pk)
    user = request.user
    return render(
        request,
        "sharing/detail.html",
        {
            "post": post,
            **selectors.detail(user, post),
            "definition": DEFINITIONS[post.label],
            "can_edit": access.can_edit_post(user, post),
            "can_comment": access.can_comment(user, post),
            "can_change_label": access.may_relabel(user, post),
            "can_answer": access.can_answer_request(user, post),
            "can_complete": access.can_complete_request(user, post),
            "comment_form": CommentForm(),
            "label_form": LabelForm(initial={"label": post.label}),
            "observable_form": ObservableForm(),
            "attachment_form": AttachmentForm(),
        },
    )


def _origin(user) -> Jurisdiction:
    """A post originates in the author's own state, or the region for regional roles."""
    own = sorted(access.own_jurisdiction_ids(user))
    if own:
        return Jurisdiction.objects.get(pk=own[0])
    return Jurisdiction.objects.filter(kind=Jurisdiction.Kind.REGION).order_by("pk").first()


def _organisation(user):
    grants = [g for g in access.grants(user) if g.organisation_id]
    if grants:
        return grants[0].organisation
    person = getattr(user, "person", None)
    return person.organisation if person else None


@login_required
@require_http_methods(["GET", "POST"])
def post_new(request, kind: str):
    if kind not in Kind.values:
        raise Http404
    access.require(access.can_share(request.user))
    form = NewPostForm(request.POST or None, kind=kind)
    if request.method == "POST" and form.is_valid():
        try:
            post = actions.do_create_post(
                kind=kind,
                jurisdiction=_origin(request.user),
                organisation=_organisation(request.user),
                label=form.cleaned_data["label"],
                observables=form.cleaned_data.get("observables", []),
                **form.action_fields(),
                acting_user=request.user,
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Shared. Its readers are told by e-mail."))
            return redirect("sharing:detail", pk=post.pk)
    return render(request, "sharing/form.html", {"form": form, "kind": Kind(kind), "post": None})


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request, pk: int):
    post = selectors.post_for(request.user, pk)
    access.require(access.can_edit_post(request.user, post))
    if request.method == "POST":
        form = PostForm(request.POST, kind=post.kind, editing=True)
    else:
        form = PostForm(
            instance=post, initial=PostForm.initial_for(post), kind=post.kind, editing=True
        )
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_edit_post(post, **form.action_fields(), acting_user=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("sharing:detail", pk=post.pk)
    return render(
        request, "sharing/form.html", {"form": form, "kind": Kind(post.kind), "post": post}
    )


def _post_action(request, pk: int, allowed) -> tuple:
    post = selectors.post_for(request.user, pk)
    return post, refuse_unless_post(request, allowed=allowed(request.user, post))


def _back(request, post, exc: ValidationError | None = None):
    if exc is not None:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("sharing:detail", pk=post.pk)


@login_required
def label_change(request, pk: int):
    post, refused = _post_action(request, pk, access.may_relabel)
    if refused:
        return refused
    form = LabelForm(request.POST)
    if not form.is_valid():
        return _back(request, post, ValidationError(_("Choose a label.")))
    try:
        actions.do_change_label(
            post,
            label=form.cleaned_data["label"],
            recipient_organisations=form.cleaned_data["recipient_organisations"] or None,
            recipients=form.cleaned_data["recipients"] or None,
            acting_user=request.user,
        )
    except PermissionDenied:
        return _back(request, post, ValidationError(_("Only the originator may lower a label.")))
    except ValidationError as exc:
        return _back(request, post, exc)
    messages.success(request, _("Label changed."))
    return _back(request, post)


@login_required
def comment_add(request, pk: int):
    post, refused = _post_action(request, pk, access.can_comment)
    if refused:
        return refused
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _back(request, post, ValidationError(_("Write something to comment.")))
    actions.do_add_comment(post, body=form.cleaned_data["body"], acting_user=request.user)
    return _back(request, post)


@login_required
def observable_add(request, pk: int):
    post, refused = _post_action(request, pk, access.can_edit_post)
    if refused:
        return refused
    form = ObservableForm(request.POST)
    if not form.is_valid():
        return _back(request, post, ValidationError(_("Give a type and a value.")))
    try:
        actions.do_add_observable(post, **form.cleaned_data, acting_user=request.user)
    except ValidationError as exc:
        return _back(request, post, exc)
    return _back(request, post)


@login_required
def observable_remove(request, pk: int):
    observable = get_object_or_404(
        access.observables_visible_to(request.user).select_related("post"), pk=pk
    )
    post = observable.post
    refused = refuse_unless_post(request, allowed=access.can_edit_post(request.user, post))
    if refused:
        return refused
    actions.do_remove_observable(observable, acting_user=request.user)
    return _back(request, post)


@login_required
def attachment_add(request, pk: int):
    post, refused = _post_action(request, pk, access.can_edit_post)
    if refused:
        return refused
    form = AttachmentForm(request.POST, request.FILES)
    if refuse_if_too_large(request, form) or not form.is_valid():
        return _back(request, post, ValidationError(form.errors.get("file") or _("Choose a file.")))
    try:
        actions.do_attach_file(
            post, uploaded_file=form.cleaned_data["file"], acting_user=request.user
        )
    except ValidationError as exc:
        return _back(request, post, exc)
    messages.success(request, _("File attached."))
    return _back(request, post)


MOVES = {
    "accept": (access.can_answer_request, actions.do_accept_request),
    "decline": (access.can_answer_request, actions.do_decline_request),
    "done": (access.can_complete_request, actions.do_complete_request),
}


@login_required
def request_move(request, pk: int, move: str):
    if move not in MOVES:
        raise Http404
    allowed, action = MOVES[move]
    post, refused = _post_action(request, pk, allowed)
    if refused:
        return refused
    post = action(post, acting_user=request.user)
    messages.success(
        request, _("The request is now: %(state)s.") % {"state": post.get_request_state_display()}
    )
    return _back(request, post)


@login_required
@require_safe
def attachment_download(request, pk: int):
    item = get_object_or_404(access.attachments_visible_to(request.user), pk=pk)
    name = names.safe_download_name(item.original_name, kinds.extension_for(item.content_type))
    return serving.file_response(item.file, name=name, content_type=item.content_type)
