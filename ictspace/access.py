"""THE authorisation policy. Every permission decision of the platform is made here.

Views and API endpoints ask `can_*` questions and narrow querysets with `*_visible_to`.
Anything a user may not see is answered with 404, exactly like something that does not
exist, so that the answer leaks nothing.
"""

from django.db.models import QuerySet
from django.http import Http404

from ictspace.accounts.models import Role, RoleGrant
from ictspace.audit.models import AuditEntry
from ictspace.directory.models import Appointment, ContactChannel, Jurisdiction


class _System:
    """The platform itself acting: loaders, demo data, background tasks, operators' commands.

    Actions check access for every caller; a command passes `acting_user=SYSTEM` to say
    that it acts with the operator's authority. Never None: a forgotten user is refused.
    """

    pk = None
    is_authenticated = False

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = _System()


def is_system(user) -> bool:
    return user is SYSTEM


# Roles that sit on the region's committees (all but the auditor).
COMMITTEE_ROLES = frozenset(
    {Role.SECRETARIAT, Role.RCC_CHAIR, Role.NCPOC, Role.FOCAL_POINT, Role.STEERING}
)
# Roles that validate or return what others submit.
REVIEWER_ROLES = (Role.RCC_CHAIR, Role.SECRETARIAT)


def grants(user) -> list[RoleGrant]:
    """The user's role grants, fetched once per request and cached on the user object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_ictspace_grants", None)
    if cached is None:
        cached = list(user.role_grants.select_related("jurisdiction", "organisation"))
        user._ictspace_grants = cached
    return cached


def roles(user) -> set[str]:
    return {grant.role for grant in grants(user)}


def has_role(user, *wanted: str) -> bool:
    return bool(roles(user) & set(wanted))


def own_jurisdiction_ids(user) -> set[int]:
    return {g.jurisdiction_id for g in grants(user) if g.role == Role.NCPOC}


def own_organisation_ids(user) -> set[int]:
    return {g.organisation_id for g in grants(user) if g.role == Role.FOCAL_POINT}


# Directory ---------------------------------------------------------------------------


def jurisdictions_visible_to(user) -> QuerySet[Jurisdiction]:
    # Membership of the Community is public information.
    return Jurisdiction.objects.all()


def get_jurisdiction(user, code: str) -> Jurisdiction:
    try:
        return jurisdictions_visible_to(user).get(code=code)
    except Jurisdiction.DoesNotExist:
        raise Http404 from None


def can_view_appointments(user) -> bool:
    """Who holds which seat is committee business: any signed-in role sees it."""
    return bool(roles(user))


def appointments_visible_to(user) -> QuerySet[Appointment]:
    if not can_view_appointments(user):
        return Appointment.objects.none()
    return Appointment.objects.all()


def can_view_contacts(user) -> bool:
    """Phone numbers and 24/7 channels: committee roles only."""
    return bool(roles(user) & COMMITTEE_ROLES)


def contact_channels_visible_to(user) -> QuerySet[ContactChannel]:
    if not can_view_contacts(user):
        return ContactChannel.objects.none()
    return ContactChannel.objects.all()


def can_manage_appointments(user) -> bool:
    """The Secretariat keeps the committees' seats; demo data seats its cast as SYSTEM."""
    if is_system(user):
        return True
    return has_role(user, Role.SECRETARIAT)


def can_manage_people(user) -> bool:
    """The people of the directory and their contact channels: the Secretariat's records."""
    if is_system(user):
        return True
    return has_role(user, Role.SECRETARIAT)


def can_load_reference_data(user) -> bool:
    """The directory and library files are loaded by the platform, never from a request."""
    return is_system(user)


def can_read_uploads(user) -> bool:
    """Reading a queued upload is the worker's step (as SYSTEM) after do_upload_import checked
    the uploader; no person starts it directly."""
    return is_system(user)


def can_release_orphaned_tasks(user) -> bool:
    """Closing background records whose worker died is an operator's command, as SYSTEM."""
    return is_system(user)


# Accounts ----------------------------------------------------------------------------


def can_manage_accounts(user) -> bool:
    """Accounts and role grants: the Secretariat, or an operator's command as SYSTEM."""
    if is_system(user):
        return True
    return has_role(user, Role.SECRETARIAT)


def can_choose_language(user) -> bool:
    """Every account keeps its own interface language; the platform itself has none."""
    return getattr(user, "is_authenticated", False)


def can_note_home_visit(user) -> bool:
    """Each account keeps the time of its own last home-page visit; the platform has none."""
    return getattr(user, "is_authenticated", False)


# Audit trail -------------------------------------------------------------------------


def can_view_audit_log(user) -> bool:
    return has_role(user, Role.AUDITOR, Role.SECRETARIAT)


def audit_entries_visible_to(user) -> QuerySet[AuditEntry]:
    if not can_view_audit_log(user):
        return AuditEntry.objects.none()
    return AuditEntry.objects.all()


def require(allowed: bool) -> None:
    """Turn a refusal into the same 404 a missing object gives."""
    if not allowed:
        raise Http404


# Catalogue ---------------------------------------------------------------------------


def can_view_catalogue(user) -> bool:
    """The plans are public documents, but the platform shows them to signed-in users."""
    return bool(getattr(user, "is_authenticated", False))


def libraries_visible_to(user):
    from ictspace.catalogue.models import Library

    if not can_view_catalogue(user):
        return Library.objects.none()
    return Library.objects.all()


def get_library(user, slug: str):
    library = libraries_visible_to(user).filter(slug=slug).first()
    if library is None:
        raise Http404
    return library


# Tracking ----------------------------------------------------------------------------


def can_draft_status(user, jurisdiction, item) -> bool:
    """NCPOCs for their own state; focal points for regional rows of items they lead.

    Only for an item whose declared scope concerns the jurisdiction.
    """
    from ictspace.catalogue.scope import concerns
    from ictspace.directory.models import Jurisdiction as J

    if not concerns(item, jurisdiction):
        return False
    if jurisdiction.id in own_jurisdiction_ids(user):
        return True
    if jurisdiction.kind != J.Kind.REGION or not own_organisation_ids(user):
        return False
    return item.lead_organisations.filter(pk__in=own_organisation_ids(user)).exists()


def can_draft_for(user, jurisdiction) -> bool:
    """Whether the user records statuses for this jurisdiction at all (on some items)."""
    if jurisdiction.id in own_jurisdiction_ids(user):
        return True
    return jurisdiction.kind == "region" and bool(own_organisation_ids(user))


def can_record_status(user, jurisdiction, item) -> bool:
    """Whether to offer "Record a new status": a tracked item the user may draft for."""
    return item.assessable and not item.retired and can_draft_status(user, jurisdiction, item)


def can_edit_draft(user, update) -> bool:
    """Only a draft, and only by its author: submitted work changes only through review."""
    if not getattr(user, "is_authenticated", False):  # None, anonymous or SYSTEM: no author
        return False
    return update.review_state == "draft" and update.author_id == user.pk


def can_submit_status(user, update) -> bool:
    """A draft is its author's until submitted: only the author sends it to review.

    A colleague of the same state may read the draft, not send it on the author's behalf
    (the author answers for what is submitted); and the author must still draft there.
    """
    if not can_edit_draft(user, update):
        return False
    return can_draft_status(user, update.jurisdiction, update.item)


def can_draft_any(user) -> bool:
    """Who records statuses at all: NCPOCs and lead-agency focal points."""
    return has_role(user, Role.NCPOC, Role.FOCAL_POINT)


def can_review_any(user) -> bool:
    return has_role(user, *REVIEWER_ROLES)


def status_updates_visible_to(user):
    """Validated history for every signed-in role; work in progress for its owners."""
    from django.db.models import Exists, OuterRef, Q

    from ictspace.catalogue.models import Item
    from ictspace.review.models import ReviewState
    from ictspace.tracking.models import StatusUpdate

    if not roles(user):
        return StatusUpdate.objects.none()
    if has_role(user, Role.SECRETARIAT):
        return StatusUpdate.objects.all()
    visible = Q(review_state=ReviewState.VALIDATED)
    if has_role(user, Role.RCC_CHAIR):
        visible |= Q(review_state=ReviewState.SUBMITTED)
    if own_jurisdiction_ids(user):
        visible |= Q(jurisdiction_id__in=own_jurisdiction_ids(user))
    if own_organisation_ids(user):
        led = Item.lead_organisations.through.objects.filter(
            item_id=OuterRef("item_id"), organisation_id__in=own_organisation_ids(user)
        )
        visible |= Q(jurisdiction__kind="region") & Q(Exists(led))
    return StatusUpdate.objects.filter(visible)


# Evidence ----------------------------------------------------------------------------


def can_add_evidence(user, update) -> bool:
    """Evidence is part of the draft: its author adds it until the update is submitted."""
    # Signed in first: an anonymous user's pk (None) equals the author_id of a loaded row.
    return getattr(user, "is_authenticated", False) and can_edit_draft(user, update)


def evidence_visible_to(user):
    """Evidence follows its update: whoever may see the update may see what backs it."""
    from ictspace.tracking.models import Evidence

    return Evidence.objects.filter(update__in=status_updates_visible_to(user))


# Indicators --------------------------------------------------------------------------


def can_view_indicators(user) -> bool:
    return bool(roles(user))


def can_submit_observations(user, jurisdiction) -> bool:
    """NCPOCs for their own jurisdiction; focal points for the region's statistics."""
    if jurisdiction.id in own_jurisdiction_ids(user):
        return True
    return jurisdiction.kind == "region" and has_role(user, Role.FOCAL_POINT)


def template_jurisdictions_visible_to(user):
    """Whose spreadsheet template a user may download: their own (the Secretariat: any)."""
    from django.db.models import Q

    if has_role(user, Role.SECRETARIAT):
        return jurisdictions_visible_to(user)
    mine = Q(id__in=own_jurisdiction_ids(user))
    if has_role(user, Role.FOCAL_POINT):
        mine |= Q(kind="region")
    return jurisdictions_visible_to(user).filter(mine)


def can_set_targets(user, jurisdiction) -> bool:
    """National targets are the jurisdiction's; the Secretariat keeps regional ones too."""
    return can_submit_observations(user, jurisdiction) or has_role(user, Role.SECRETARIAT)


def observations_visible_to(user):
    """Validated values for every signed-in role; pending ones for their owners and reviewers."""
    from django.db.models import Q

    from ictspace.indicators.models import Observation
    from ictspace.review.models import ReviewState

    if not roles(user):
        return Observation.objects.none()
    if has_role(user, Role.SECRETARIAT):
        return Observation.objects.all()
    visible = Q(review_state=ReviewState.VALIDATED)
    if has_role(user, Role.RCC_CHAIR):
        visible |= Q(review_state=ReviewState.SUBMITTED)
    if own_jurisdiction_ids(user):
        visible |= Q(jurisdiction_id__in=own_jurisdiction_ids(user))
    if has_role(user, Role.FOCAL_POINT):
        visible |= Q(jurisdiction__kind="region")
    return Observation.objects.filter(visible)


def import_jobs_visible_to(user):
    """An upload is its uploader's; the Secretariat sees every one, the chair applied ones."""
    from django.db.models import Q

    from ictspace.indicators.models import ImportJob

    if has_role(user, Role.SECRETARIAT):
        return ImportJob.objects.all()
    if not roles(user):
        return ImportJob.objects.none()
    visible = Q(uploaded_by=user)
    if has_role(user, Role.RCC_CHAIR):
        visible |= Q(state=ImportJob.State.APPLIED)  # its values wait for the chair's review
    return ImportJob.objects.filter(visible)


def can_manage_import(user, job) -> bool:
    """Only the uploader applies or discards an upload (it is theirs until applied)."""
    return getattr(user, "pk", None) is not None and job.uploaded_by_id == user.pk


def can_apply_import(user, job) -> bool:
    """The uploader, once the preview is clean and adds something."""
    return can_manage_import(user, job) and job.is_applicable


def can_discard_import(user, job) -> bool:
    """The uploader, while nothing is being read or applied and nothing was added."""
    return can_manage_import(user, job) and job.state in job.DISCARDABLE


def can_retry_import(user, job) -> bool:
    """The uploader, when the background work stopped moving."""
    return can_manage_import(user, job) and job.is_stalled()


# Review ------------------------------------------------------------------------------


def can_review(user, obj) -> bool:
    """Validate or return: the chair or the Secretariat, while it waits, never their own work."""
    if not has_role(user, *REVIEWER_ROLES):
        return False
    if not _awaits_review(obj):
        return False
    return _submitted_by_id(obj) != user.pk


def _awaits_review(obj) -> bool:
    from ictspace.indicators.models import ImportJob
    from ictspace.review.models import ReviewState

    if isinstance(obj, ImportJob):
        return obj.state == ImportJob.State.APPLIED  # its values wait, reviewed as one batch
    return obj.review_state == ReviewState.SUBMITTED


def _submitted_by_id(obj):
    from ictspace.indicators.models import ImportJob

    if isinstance(obj, ImportJob):
        return obj.uploaded_by_id
    return obj.author_id


def has_opened_preview(user, job) -> bool:
    """The reviewer looked at the upload's rows before deciding on all of them at once."""
    from ictspace.indicators.models import PreviewOpening

    return PreviewOpening.objects.filter(job=job, user_id=getattr(user, "pk", None)).exists()


def can_record_preview_opening(user, job) -> bool:
    """Who opens an upload's preview as a reviewer: whoever may decide on it."""
    return can_review(user, job)


def can_validate_upload(user, job) -> bool:
    """Validate a whole upload in one go: a reviewer who has opened its preview first."""
    if not can_review(user, job):
        return False
    return has_opened_preview(user, job)


# API tokens (open platform) ------------------------------------------------------------


def can_create_token(user) -> bool:
    """Any signed-in person with a role: a token carries exactly its owner's permissions."""
    return getattr(user, "is_authenticated", False) and bool(roles(user))


def can_manage_token(user, token) -> bool:
    """Only the owner lists and revokes their tokens."""
    return getattr(user, "pk", None) is not None and token.user_id == user.pk


def tokens_visible_to(user):
    from ictspace.tokens.models import ApiToken

    if getattr(user, "pk", None) is None:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user_id=user.pk)


# Releases and the public (open platform) -------------------------------------------------


def can_publish_release(user) -> bool:
    """The Secretariat publishes and withdraws releases; demo data publishes as SYSTEM."""
    if is_system(user):
        return True
    return has_role(user, Role.SECRETARIAT)


def releases_visible_to(user):
    """Releases are public: withdrawn ones stay visible and say so."""
    from ictspace.releases.models import Release

    return Release.objects.all()


def public_libraries():
    """The plans are public documents: the public pages list every library and its items."""
    from ictspace.catalogue.models import Library

    return Library.objects.all()


# Governance --------------------------------------------------------------------------


def can_view_governance(user) -> bool:
    """Rounds, risks and the governance pages: every signed-in role of the committees."""
    return bool(roles(user))


def can_manage_rounds(user) -> bool:
    """The Secretariat opens and closes review rounds."""
    return has_role(user, Role.SECRETARIAT)


def review_rounds_visible_to(user):
    from ictspace.governance.models import ReviewRound

    if not can_view_governance(user):
        return ReviewRound.objects.none()
    return ReviewRound.objects.all()


def can_view_secretariat_queues(user) -> bool:
    """Vacant seats, unreachable contacts, overdue work: the Secretariat's to-do list."""
    return has_role(user, Role.SECRETARIAT)


def risks_visible_to(user):
    """The register is committee business: every signed-in role reads it."""
    from ictspace.governance.models import Risk

    if not can_view_governance(user):
        return Risk.objects.none()
    return Risk.objects.all()


def can_add_risk(user) -> bool:
    """The Secretariat and the lead agencies' focal points record risks."""
    return has_role(user, Role.SECRETARIAT, Role.FOCAL_POINT)


def can_edit_risk(user, risk) -> bool:
    """The Secretariat any risk; a focal point the risks its own organisation owns."""
    if has_role(user, Role.SECRETARIAT):
        return True
    return risk.owner_id in own_organisation_ids(user)


def can_own_risk(user, organisation) -> bool:
    """Whom a risk may be given to: any organisation by the Secretariat, else one's own."""
    if has_role(user, Role.SECRETARIAT):
        return True
    return organisation.pk in own_organisation_ids(user)


def meetings_visible_to(user):
    """Meetings, their minutes, decisions and action items: every signed-in role."""
    from ictspace.governance.models import Meeting

    if not can_view_governance(user):
        return Meeting.objects.none()
    return Meeting.objects.all()


def action_items_visible_to(user):
    from ictspace.governance.models import ActionItem

    if not can_view_governance(user):
        return ActionItem.objects.none()
    return ActionItem.objects.all()


def can_manage_meetings(user) -> bool:
    """The Secretariat records meetings, decisions and action items."""
    return has_role(user, Role.SECRETARIAT)


def is_action_owner(user, item) -> bool:
    """The owner: the person's account, or a focal point of the owning organisation."""
    if not getattr(user, "is_authenticated", False):
        return False
    if item.owner_organisation_id in own_organisation_ids(user):
        return True
    return item.owner_person_id is not None and item.owner_person.user_id == user.pk


def can_update_action_item(user, item) -> bool:
    """Its owner reports progress; the Secretariat keeps every item."""
    if has_role(user, Role.SECRETARIAT):
        return True
    return is_action_owner(user, item)


def own_action_items(user):
    """The action items the user owns, in person or through their organisation."""
    from django.db.models import Q

    from ictspace.governance.models import ActionItem

    if not getattr(user, "is_authenticated", False):
        return ActionItem.objects.none()
    mine = Q(owner_person__user=user)
    if own_organisation_ids(user):
        mine |= Q(owner_organisation_id__in=own_organisation_ids(user))
    return action_items_visible_to(user).filter(mine)


def can_nominate(user, jurisdiction) -> bool:
    """A nomination is entered by the Secretariat or an NCPOC of the nominating state."""
    if has_role(user, Role.SECRETARIAT):
        return True
    return jurisdiction.id in own_jurisdiction_ids(user)


def can_decide_nominations(user) -> bool:
    """The Secretariat confirms or declines nominations."""
    return has_role(user, Role.SECRETARIAT)


def nominations_visible_to(user):
    """Nominees' details: the Secretariat, and an NCPOC for their own state."""
    from ictspace.governance.models import Nomination

    if has_role(user, Role.SECRETARIAT):
        return Nomination.objects.all()
    if not own_jurisdiction_ids(user):
        return Nomination.objects.none()
    return Nomination.objects.filter(jurisdiction_id__in=own_jurisdiction_ids(user))


def can_record_reachability(user) -> bool:
    """The Secretariat tests the 24/7 network and records the outcome."""
    return has_role(user, Role.SECRETARIAT)


def can_have_calendar(user) -> bool:
    """Any committee account may subscribe to its governance calendar."""
    return can_view_governance(user)


# Public online reports (cooperation) ---------------------------------------------------


def can_receive_public_reports(user) -> bool:
    """The public has no account: the platform's form (as SYSTEM) records what it was sent,
    after the view checked the rate limit, the honeypot and CSRF."""
    return is_system(user)


def can_purge_public_reports(user) -> bool:
    """Purging after the retention period is the scheduler's job, as SYSTEM."""
    return is_system(user)


def member_organisation_ids(user) -> set[int]:
    """The organisations the user works for: a focal point's grant, or their directory entry."""
    if not getattr(user, "is_authenticated", False):
        return set()
    ids = set(own_organisation_ids(user))
    person = getattr(user, "_ictspace_person", None)
    if person is None:
        from ictspace.directory.models import Person

        person = Person.objects.filter(user=user).only("organisation_id").first() or False
        user._ictspace_person = person
    if person and person.organisation_id:
        ids.add(person.organisation_id)
    return ids


def can_view_public_report_queue(user) -> bool:
    """Members of an organisation see the reports routed to it (their list may be empty)."""
    return bool(member_organisation_ids(user))


def public_reports_visible_to(user):
    """A report is its recipient organisation's alone: not the Secretariat's, not the chair's."""
    from ictspace.publicreports.models import PublicReport

    if not can_view_public_report_queue(user):
        return PublicReport.objects.none()
    return PublicReport.objects.filter(recipient_id__in=member_organisation_ids(user))


def can_handle_public_report(user, report) -> bool:
    """Members of the recipient organisation move a report through its statuses."""
    return report.recipient_id in member_organisation_ids(user)


def can_view_contact_network(user) -> bool:
    """The 24/7 contact network page: committee roles, as every contact detail."""
    return can_view_contacts(user)


# Sharing (TLP 2.0) -------------------------------------------------------------------
# The rule table is ictspace/sharing/tlp.py; these querysets are its only implementation,
# and every channel (list, search, detail, attachments, comments, e-mail, exports, STIX,
# TAXII) reads posts through them.


def can_view_sharing(user) -> bool:
    """The sharing pages: every signed-in role (the auditor sees the public posts only)."""
    return bool(roles(user))


def is_committee_member(user) -> bool:
    """The navigation's "Sharing" entry: committee roles."""
    return bool(roles(user) & COMMITTEE_ROLES)


def can_export_posts(user) -> bool:
    """STIX downloads and TAXII: any signed-in account; posts_visible_to decides the rest."""
    return getattr(user, "is_authenticated", False)


def posts_visible_to(user):
    """The posts the user may read under their label and audience."""
    from ictspace.sharing.models import Post

    if not getattr(user, "is_authenticated", False):  # anonymous, None and SYSTEM
        return Post.objects.none()
    return Post.objects.filter(_readable_post(user))


def _readable_post(user):
    from django.db.models import Exists, OuterRef, Q

    from ictspace.sharing.models import Post
    from ictspace.sharing.tlp import Label

    audience = _post_audience(user)
    named_person = Post.recipients.through.objects.filter(post_id=OuterRef("pk"), user_id=user.pk)
    return (
        Q(author_id=user.pk)
        | (Q(label__in=[Label.CLEAR, Label.GREEN, Label.AMBER]) & audience)
        | (Q(label=Label.AMBER_STRICT) & audience & Exists(_recipient_organisation_of(user)))
        | (Q(label=Label.RED) & Exists(named_person))
    )


def _post_audience(user):
    """Q: the posts whose audience includes the user."""
    from django.db.models import Exists, OuterRef, Q

    from ictspace.sharing.models import Post
    from ictspace.sharing.tlp import Audience

    audience = Q(audience=Audience.PUBLIC)
    if roles(user) & COMMITTEE_ROLES:
        audience |= Q(audience=Audience.COMMITTEE)
    states = own_jurisdiction_ids(user)
    if states:
        named = Post.named_jurisdictions.through.objects.filter(
            post_id=OuterRef("pk"), jurisdiction_id__in=states
        )
        audience |= Q(audience__in=[Audience.ORIGIN, Audience.NAMED], jurisdiction_id__in=states)
        audience |= Q(audience=Audience.NAMED) & Q(Exists(named))
    return audience


def _recipient_organisation_of(user):
    """The post's recipient organisations that are the user's own (seat or directory entry)."""
    from django.db.models import OuterRef, Q

    from ictspace.sharing.models import Post

    own = Q(organisation__people__user_id=user.pk)
    if own_organisation_ids(user):
        own |= Q(organisation_id__in=own_organisation_ids(user))
    return Post.recipient_organisations.through.objects.filter(Q(post_id=OuterRef("pk")) & own)


def post_readers(post):
    """The accounts that may read one post: who is told about it by e-mail."""
    from django.db.models import Q

    from ictspace.accounts.models import User
    from ictspace.sharing.tlp import Label

    author = Q(pk=post.author_id)
    if post.label == Label.RED:
        return User.objects.filter(author | Q(pk__in=post.recipients.values("pk")))
    readers = _audience_members(post)
    if post.label == Label.AMBER_STRICT:
        readers &= _in_recipient_organisation(post)
    return User.objects.filter(author | readers)


def _audience_members(post):
    from django.db.models import Exists, OuterRef, Q

    from ictspace.sharing.tlp import Audience

    if post.audience == Audience.PUBLIC:
        return Q(is_active=True)
    seats = RoleGrant.objects.filter(user_id=OuterRef("pk"))
    if post.audience == Audience.COMMITTEE:
        return Q(Exists(seats.filter(role__in=COMMITTEE_ROLES)))
    seats = seats.filter(role=Role.NCPOC)
    origin = Q(jurisdiction_id=post.jurisdiction_id)
    if post.audience == Audience.NAMED:
        origin |= Q(jurisdiction__in=post.named_jurisdictions.values("pk"))
    return Q(Exists(seats.filter(origin)))


def _in_recipient_organisation(post):
    from django.db.models import Exists, OuterRef, Q

    organisations = post.recipient_organisations.values("pk")
    seat = RoleGrant.objects.filter(
        user_id=OuterRef("pk"), role=Role.FOCAL_POINT, organisation__in=organisations
    )
    return Q(Exists(seat)) | Q(person__organisation__in=organisations)


def comments_visible_to(user):
    """A comment inherits its post's label and audience."""
    from ictspace.sharing.models import Comment

    return Comment.objects.filter(post__in=posts_visible_to(user))


def attachments_visible_to(user):
    from ictspace.sharing.models import Attachment

    return Attachment.objects.filter(post__in=posts_visible_to(user))


def observables_visible_to(user):
    from ictspace.sharing.models import Observable

    return Observable.objects.filter(post__in=posts_visible_to(user))


def can_share(user) -> bool:
    """Who writes posts: NCPOCs, focal points, the Secretariat and the chair."""
    return has_role(user, Role.NCPOC, Role.FOCAL_POINT, Role.SECRETARIAT, Role.RCC_CHAIR)


def can_post_for(user, jurisdiction) -> bool:
    """A post originates in the author's own state; regional roles post for the region."""
    if jurisdiction.id in own_jurisdiction_ids(user):
        return True
    if jurisdiction.kind != Jurisdiction.Kind.REGION:
        return False
    return has_role(user, Role.FOCAL_POINT, Role.SECRETARIAT, Role.RCC_CHAIR)


def is_post_author(user, post) -> bool:
    return getattr(user, "is_authenticated", False) and post.author_id == user.pk


def can_edit_post(user, post) -> bool:
    """The text, fields, observables and attachments are the originator's."""
    return is_post_author(user, post)


def can_change_label(user, post, new_label: str) -> bool:
    """Only the originator lowers a label; the originator and the Secretariat raise it."""
    from ictspace.sharing.tlp import is_lowering

    if is_post_author(user, post):
        return True
    if is_lowering(post.label, new_label):
        return False
    return has_role(user, Role.SECRETARIAT)


def may_relabel(user, post) -> bool:
    """Whether to offer a label change at all: the originator and the Secretariat."""
    return is_post_author(user, post) or has_role(user, Role.SECRETARIAT)


def can_comment(user, post) -> bool:
    """Committee roles comment on what they may read (the caller found it visible)."""
    return bool(roles(user) & COMMITTEE_ROLES) or is_post_author(user, post)


def can_answer_request(user, post) -> bool:
    """Accept or decline: an NCPOC of the jurisdiction asked, while the request waits."""
    if post.kind != "request" or post.request_state != "requested":
        return False
    return post.addressed_to_id in own_jurisdiction_ids(user)


def can_complete_request(user, post) -> bool:
    """Mark done: either jurisdiction's NCPOC or the requester, once accepted."""
    if post.kind != "request" or post.request_state != "accepted":
        return False
    if is_post_author(user, post):
        return True
    return bool({post.addressed_to_id, post.jurisdiction_id} & own_jurisdiction_ids(user))


# Reports -------------------------------------------------------------------------------

# Who reads issued reports without generating them.
REPORT_READERS = (Role.STEERING, Role.AUDITOR)


def can_view_reports(user) -> bool:
    """The archive: those who generate reports and those who read them."""
    return can_generate_reports(user) or has_role(user, *REPORT_READERS)


def can_generate_reports(user) -> bool:
    return has_role(user, Role.SECRETARIAT, Role.RCC_CHAIR, Role.NCPOC)


def can_generate_report(user, kind: str, jurisdiction) -> bool:
    """The Secretariat and the chair any report; an NCPOC their own state's national ones."""
    from ictspace.reports.models import NATIONAL_KINDS

    if has_role(user, Role.SECRETARIAT, Role.RCC_CHAIR):
        return True
    if kind not in NATIONAL_KINDS:
        return False
    return jurisdiction is not None and jurisdiction.id in own_jurisdiction_ids(user)


def can_build_reports(user) -> bool:
    """Building a requested report is the background worker's work, never a person's."""
    return is_system(user)


def reports_visible_to(user):
    """Every report for the Secretariat and the chair; issued ones for the readers; an
    NCPOC their own state's reports."""
    from django.db.models import Q

    from ictspace.reports.models import Report

    if has_role(user, Role.SECRETARIAT, Role.RCC_CHAIR):
        return Report.objects.all()
    visible = Q(pk__in=[])
    if has_role(user, *REPORT_READERS):
        visible |= Q(state=Report.State.ISSUED)
    if own_jurisdiction_ids(user):
        visible |= Q(jurisdiction_id__in=own_jurisdiction_ids(user))
    return Report.objects.filter(visible)


def can_download_report(user, report) -> bool:
    """An issued report's files, for whoever may see the report."""
    if report.state != report.State.ISSUED:
        return False
    return reports_visible_to(user).filter(pk=report.pk).exists()
