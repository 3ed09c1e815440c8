"""One set of objects in every state, built once per test module and removed afterwards.

The permission matrix and the action refusals need the same world: a cast of one user
per role, and drafts, submissions, validated rows and uploads in the NCPOC's own
jurisdiction and in another one. Building it takes seconds, so a module builds it once,
committed, and each test still runs in its own rolled-back transaction on top of it.
"""

import datetime
import hashlib
from contextlib import contextmanager

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, models, transaction
from django.test import override_settings
from django.utils import timezone

from ictspace import access
from ictspace.accounts.models import Role, RoleGrant
from ictspace.catalogue.models import Indicator, Item
from ictspace.conftest import OTHER, OWN, make_user
from ictspace.directory.models import Jurisdiction
from ictspace.indicators import imports
from ictspace.indicators.models import ImportJob, Observation
from ictspace.tests.factories import NcpocAppointmentFactory
from ictspace.tracking.models import Evidence, StatusUpdate

IWP = "single-ict-space-iwp-2017"
CORE = "ict-core-indicators"


def make_cast() -> dict:
    """One user per role; 'anonymous' is None (as the conftest `cast` fixture)."""
    users = {"anonymous": None}
    for role in Role.values:
        users[role] = make_user(role)
    return users


def build_objects(cast: dict) -> dict:
    """Appointments, status updates, evidence, values and uploads in OWN and OTHER."""
    other_ncpoc = make_user(None, email="other-ncpoc@test.example")
    RoleGrant.objects.create(
        user=other_ncpoc, role=Role.NCPOC, jurisdiction=Jurisdiction.objects.get(code=OTHER)
    )
    authors = {OWN: cast[Role.NCPOC], OTHER: other_ncpoc}
    out = {"appointments": {}}
    for code in (OWN, OTHER):
        state = Jurisdiction.objects.get(code=code)
        out["appointments"][code] = NcpocAppointmentFactory(jurisdiction=state)
    for state in ("draft", "submitted", "validated"):
        out[state] = {code: _update(code, state, authors[code]) for code in (OWN, OTHER)}
    out["evidence"] = {code: _evidence(out["validated"][code]) for code in (OWN, OTHER)}
    out["value"] = {code: _value(code, "validated", authors[code]) for code in (OWN, OTHER)}
    out["value_submitted"] = {
        code: _value(code, "submitted", authors[code]) for code in (OWN, OTHER)
    }
    out["job"] = {code: _job(code, authors[code], "2022") for code in (OWN, OTHER)}
    out["job_applied"] = {code: _job(code, authors[code], "2021") for code in (OWN, OTHER)}
    for code in (OWN, OTHER):
        imports.do_apply_import(out["job_applied"][code], acting_user=authors[code])
    out["job_stalled"] = {code: _job(code, authors[code], "2020") for code in (OWN, OTHER)}
    stopped = timezone.now() - imports.STALE_AFTER - datetime.timedelta(minutes=1)
    for job in out["job_stalled"].values():
        ImportJob.objects.filter(pk=job.pk).update(state="reading", touched_at=stopped)
    out["draft_evidence"] = {code: _evidence(out["draft"][code]) for code in (OWN, OTHER)}
    # Open platform: a published release and a personal API token per NCPOC.
    out["release"] = _release()
    out["token"] = {code: _token(authors[code]) for code in (OWN, OTHER)}
    out.update(governance_objects(cast))
    out.update(public_report_objects())
    out.update(sharing_objects(authors))
    out.update(standards_objects(authors))
    decision_objects(cast, out)
    out.update(report_objects(cast))
    return out


def governance_objects(cast: dict) -> dict:
    """An open review round over one item; a risk and a mitigation in OWN and OTHER."""
    from ictspace.catalogue.models import Library
    from ictspace.directory.models import Organisation
    from ictspace.governance.risks.actions import do_add_mitigation, do_create_risk
    from ictspace.governance.rounds.actions import do_open_round

    today = timezone.localdate()
    rnd = do_open_round(
        title="Status review",
        libraries=[Library.objects.get(slug=IWP)],
        items=[Item.objects.get(library__slug=IWP, ref="3.1.4")],
        jurisdictions=list(Jurisdiction.objects.filter(code__in=[OWN, OTHER])),
        opens_on=today - datetime.timedelta(days=30),
        due_on=today + datetime.timedelta(days=30),
        acting_user=cast[Role.SECRETARIAT],
    )
    risks, mitigations = {}, {}
    for code, owner in ((OWN, "CTU"), (OTHER, "IMPACS")):  # the focal point's agency is CTU
        risks[code] = do_create_risk(
            title=f"Risk owned by {owner}",
            category="financial",
            inherent_likelihood=4,
            inherent_impact=4,
            residual_likelihood=2,
            residual_impact=3,
            owner=Organisation.objects.get(code=owner),
            status="open",
            acting_user=cast[Role.SECRETARIAT],
        )
        mitigations[code] = do_add_mitigation(
            risks[code],
            description="Donor round",
            owner=risks[code].owner,
            acting_user=cast[Role.SECRETARIAT],
        )
    return {"round": rnd, "risk": risks, "mitigation": mitigations, **_meeting_objects(cast)}


def _meeting_objects(cast: dict) -> dict:
    """A meeting with signed minutes; an action item owned by CTU (OWN) and by IMPACS."""
    from ictspace.directory.models import Body, Organisation
    from ictspace.governance.meetings import actions

    secretariat = cast[Role.SECRETARIAT]
    meeting = actions.do_record_meeting(
        body=Body.objects.get(code="RCC"),
        title="RCC meeting",
        date=datetime.date(2025, 5, 1),
        online=True,
        acting_user=secretariat,
    )
    pdf = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4\n%%EOF\n")
    actions.do_set_minutes(meeting, minutes="Agreed.", uploaded_file=pdf, acting_user=secretariat)
    items = {
        code: actions.do_add_action_item(
            title=f"Action for {owner}",
            due_on=datetime.date(2025, 9, 30),
            owner_organisation=Organisation.objects.get(code=owner),
            meeting=meeting,
            acting_user=secretariat,
        )
        for code, owner in ((OWN, "CTU"), (OTHER, "IMPACS"))
    }
    return {
        "meeting": meeting,
        "action_item": items,
        **_nomination_objects(cast),
        **_contact_objects(cast),
    }


def _contact_objects(cast: dict) -> dict:
    """A 24/7 channel and the steering member's calendar feed secret."""
    from ictspace.directory.actions import do_add_contact_channel, do_create_person
    from ictspace.governance.contacts.actions import do_issue_calendar_token

    person = do_create_person(full_name="Duty officer", acting_user=cast[Role.SECRETARIAT])
    channel = do_add_contact_channel(
        person,
        kind="phone",
        value="+1 246 555 0100",
        available_24_7=True,
        acting_user=cast[Role.SECRETARIAT],
    )
    return {
        "channel": channel,
        "calendar_secret": do_issue_calendar_token(acting_user=cast[Role.STEERING]),
    }


def _nomination_objects(cast: dict) -> dict:
    """A pending NCPOC nomination in OWN and in OTHER."""
    from ictspace.governance.nominations.actions import do_nominate

    return {
        "nomination": {
            code: do_nominate(
                jurisdiction=Jurisdiction.objects.get(code=code),
                nominating_authority="Ministry of Foreign Affairs",
                full_name=f"Nominee {code}",
                email=f"nominee-{code.lower()}@test.example",
                background="judiciary",
                acting_user=cast[Role.SECRETARIAT],
            )
            for code in (OWN, OTHER)
        }
    }


def report_objects(cast: dict) -> dict:
    """Reports: an issued country report of OWN and of OTHER, built as the worker does."""
    from ictspace.access import SYSTEM
    from ictspace.reports.actions import do_build_report, do_request_report

    reports = {}
    for code in (OWN, OTHER):
        report = do_request_report(
            kind="country",
            jurisdiction=Jurisdiction.objects.get(code=code),
            as_of=timezone.localdate(),
            period_start=datetime.date(2024, 1, 1),
            language="en",
            acting_user=cast[Role.SECRETARIAT],
        )
        reports[code] = do_build_report(report, acting_user=SYSTEM)
    return {"report": reports}


def _release():
    from ictspace.access import SYSTEM
    from ictspace.catalogue.models import Library
    from ictspace.releases.actions import do_publish_release

    return do_publish_release(
        title="Test release",
        as_of=datetime.date(2024, 12, 31),
        libraries=Library.objects.filter(slug__in=[IWP, CORE]),
        jurisdictions=Jurisdiction.objects.filter(code__in=[OWN, OTHER]),
        acting_user=SYSTEM,
    )


def _token(user):
    """A read-write token and its secret (the API matrix signs in with it)."""
    from ictspace.tokens.actions import do_create_token

    return do_create_token(name="matrix", scope="write", acting_user=user)


def _update(code: str, state: str, author):
    return StatusUpdate.objects.create(
        jurisdiction=Jurisdiction.objects.get(code=code),
        item=Item.objects.get(library__slug=IWP, ref="3.1.4"),
        status="in_progress",
        effective_date=datetime.date(2024, 1, 1),
        review_state=state,
        author=author,
        created_at=timezone.now(),
    )


def _value(code: str, state: str, author):
    return Observation.objects.create(
        jurisdiction=Jurisdiction.objects.get(code=code),
        indicator=Indicator.objects.get(library__slug=CORE, code="ind-internet"),
        period="2024",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 31),
        value_number=42,
        review_state=state,
        author=author,
        created_at=timezone.now(),
    )


def values_csv(code: str, period: str) -> SimpleUploadedFile:
    """An upload of one new value, as a user would send it."""
    header = "library,jurisdiction,indicator,period,disaggregation,value,unit,source,note\n"
    line = f"{CORE},{code},ind-internet,{period},,55,,Household survey,\n"
    return SimpleUploadedFile("values.csv", (header + line).encode())


def _job(code: str, author, period: str):
    """A previewed upload of one new value, read from a real CSV file."""
    job = imports.do_upload_import(
        jurisdiction=Jurisdiction.objects.get(code=code),
        uploaded_file=values_csv(code, period),
        acting_user=author,
    )
    from ictspace.access import SYSTEM

    return imports.do_read_import(job, acting_user=SYSTEM)


def _evidence(update):
    data = b"%PDF-1.4\n%%EOF\n"
    evidence = Evidence(
        update=update,
        kind=Evidence.Kind.FILE,
        original_name="notice.pdf",
        content_type="application/pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        added_by=update.author,
        added_at=timezone.now(),
    )
    evidence.file.save("notice.pdf", ContentFile(data), save=False)
    evidence.save()
    return evidence


def standards_objects(authors: dict) -> dict:
    """STIX/TAXII: a TLP:GREEN post for its own jurisdiction only, in OWN and OTHER.

    Written by each jurisdiction's NCPOC, so in OWN the cast's NCPOC reads it and in OTHER
    nobody of the cast does.
    """
    from ictspace.sharing.tests.factories import IncidentFactory, ObservableFactory

    posts = {}
    for code in (OWN, OTHER):
        posts[code] = IncidentFactory(
            jurisdiction=Jurisdiction.objects.get(code=code),
            author=authors[code],
            label="green",
            audience="origin",
        )
        ObservableFactory(post=posts[code], type="ipv4", value="203.0.113.9")
    return {"stix_post": posts}


# Committing a module's objects and removing them ------------------------------------


def public_report_objects() -> dict:
    """Cooperation: OWN's reports go to CTU (the focal point's agency), OTHER's to the region's."""
    from ictspace.directory.models import Designation, Organisation
    from ictspace.publicreports.actions import do_receive_public_report

    Designation.objects.create(
        jurisdiction=Jurisdiction.objects.get(code=OWN),
        purpose="public_reports",
        organisation=Organisation.objects.get(code="CTU"),
    )
    reports = {
        code: do_receive_public_report(
            jurisdiction=Jurisdiction.objects.get(code=code),
            category="fraud",
            description="A fake bank page asked for my card number.",
            urls=["https://bank.example/login"],
            language="en",
            acting_user=access.SYSTEM,
        )
        for code in (OWN, OTHER)
    }
    return {"public_report": reports}


def _tables() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m._meta.managed and not m._meta.proxy]


def _is_counter(model) -> bool:
    return isinstance(model._meta.pk, models.AutoField | models.BigAutoField)


def _high_marks() -> dict:
    """Per table: the highest integer key, or the set of keys (UUIDs, session keys)."""
    marks = {}
    for model in _tables():
        rows = model._base_manager
        if _is_counter(model):
            marks[model] = rows.aggregate(top=models.Max("pk"))["top"] or 0
        else:
            marks[model] = set(rows.values_list("pk", flat=True))
    return marks


def _newer(model, mark):
    rows = model._base_manager
    if isinstance(mark, set):
        return rows.exclude(pk__in=mark)
    return rows.filter(pk__gt=mark)


def _delete_newer(marks: dict) -> None:
    """Delete every row added since the marks, retrying in the order foreign keys allow."""
    pending = list(marks)
    for _attempt in range(len(marks)):
        left = []
        for model in pending:
            try:
                with transaction.atomic():
                    _newer(model, marks[model]).delete()
            except (models.ProtectedError, models.RestrictedError, IntegrityError):
                left.append(model)
        if not left:
            return
        pending = left
    raise RuntimeError(f"rows left behind in {pending}")


@contextmanager
def committed_world(django_db_blocker, media_root):
    """Build the cast and the objects once, committed; remove them when the module ends."""
    media = override_settings(MEDIA_ROOT=media_root)
    media.enable()
    with django_db_blocker.unblock():
        marks = _high_marks()
    try:
        with django_db_blocker.unblock():
            cast = make_cast()
            objects = build_objects(cast)
        yield cast, objects
    finally:
        with django_db_blocker.unblock():
            _delete_newer(marks)
        media.disable()


# Sharing (issue 14) -------------------------------------------------------------------


def sharing_objects(authors: dict) -> dict:
    """Per scope: an AMBER incident for the origin only (observable, attachment, comment),
    a GREEN lesson for the committee, and a request addressed to the scope's state."""
    from ictspace.sharing import actions

    out = {"post": {}, "shared_lesson": {}, "assistance": {}, "post_attachment": {}}
    out["post_observable"] = {}
    out["assistance_accepted"] = {}
    for code, other in ((OWN, OTHER), (OTHER, OWN)):
        author, state = authors[code], Jurisdiction.objects.get(code=code)
        out["post"][code] = actions.do_create_post(
            kind="incident",
            title=f"Phishing wave in {code}",
            body="Credential phishing against banks.",
            jurisdiction=state,
            label="amber",
            audience="origin",
            fields={
                "first_seen": datetime.date(2026, 11, 1),
                "sector": "finance",
                "incident_type": "phishing",
                "impact": "medium",
                "incident_status": "open",
            },
            observables=[("domain", f"bank-{code.lower()}.example")],
            acting_user=author,
        )
        out["post_observable"][code] = out["post"][code].observables.get()
        pdf = SimpleUploadedFile("indicators.pdf", b"%PDF-1.4\n%%EOF\n")
        out["post_attachment"][code] = actions.do_attach_file(
            out["post"][code], uploaded_file=pdf, acting_user=author
        )
        actions.do_add_comment(out["post"][code], body="Blocked here.", acting_user=author)
        out["shared_lesson"][code] = actions.do_create_post(
            kind="lesson",
            title=f"Lesson from {code}",
            body="Test the backups.",
            jurisdiction=state,
            label="green",
            audience="committee",
            acting_user=author,
        )
        out["assistance"][code] = actions.do_create_post(
            kind="request",
            title=f"Forensic help for {code}",
            body="Two phones to examine.",
            jurisdiction=Jurisdiction.objects.get(code=other),
            label="amber",
            audience="named",
            fields={"addressed_to": state, "resource_type": "forensic_lab"},
            acting_user=authors[other],
        )
        accepted = actions.do_create_post(
            kind="request",
            title=f"Trainer for {other}",
            body="A week of training.",
            jurisdiction=Jurisdiction.objects.get(code=other),
            label="green",
            audience="named",
            fields={"addressed_to": state, "resource_type": "trainer"},
            acting_user=authors[other],
        )
        out["assistance_accepted"][code] = actions.do_accept_request(accepted, acting_user=author)
    return out


# Decisions (issue 12 §5): the reviewers have opened the applied uploads' previews, as the
# page does, so that their bulk validation is allowed.
def decision_objects(cast: dict, out: dict) -> None:
    from ictspace.indicators.actions import do_open_upload_preview

    for job in out["job_applied"].values():
        applied = ImportJob.objects.get(pk=job.pk)  # the object above predates applying
        for role in (Role.RCC_CHAIR, Role.SECRETARIAT):
            do_open_upload_preview(applied, acting_user=cast[role])
