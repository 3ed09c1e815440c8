"""Every action of every app refuses whoever may not call it, and writes nothing then.

The views are one caller of the actions; commands, tasks and (soon) the API are others,
so each action checks access itself. The actions are found by introspection: an action
missing from ACTIONS fails `test_every_action_is_listed`, so a new one must say here who
may call it before it can land.
"""

import datetime
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

import ictspace
from ictspace import access
from ictspace.accounts.models import Role
from ictspace.catalogue.actions import library_files
from ictspace.catalogue.library_file import read_library_file
from ictspace.catalogue.models import Indicator, Item, Library
from ictspace.conftest import CAST_ROLES, OWN
from ictspace.directory.loader import DEFAULT_FILE
from ictspace.directory.models import Body, Jurisdiction
from ictspace.tests.objects import CORE, IWP, committed_world, values_csv

DAY = datetime.date(2025, 1, 1)
SECRETARIAT = {Role.SECRETARIAT}
NCPOC = {Role.NCPOC}
REVIEWERS = {Role.RCC_CHAIR, Role.SECRETARIAT}
RISK_EDITORS = {Role.SECRETARIAT, Role.FOCAL_POINT}  # the focal point's agency owns OWN's risk
SIGNED_IN_ROLES = set(Role.values)  # anything each account does for itself
NOBODY: set = set()  # only the platform itself (access.SYSTEM)


def _modules() -> list[str]:
    """Every module of the project but tests and migrations: an action may live anywhere."""
    root = Path(ictspace.__file__).parent
    return [
        info.name
        for info in pkgutil.walk_packages([str(root)], prefix="ictspace.")
        if ".tests" not in info.name and ".migrations" not in info.name
    ]


def _discovered() -> dict[str, object]:
    """module.function → function, named after the module that defines it."""
    found = {}
    for name in _modules():
        for attr, value in vars(importlib.import_module(name)).items():
            public = attr.startswith("do_") and inspect.isfunction(value)
            # Defined here or in a submodule (a package re-exporting its actions), not
            # imported from elsewhere (an action calling another app's action).
            if public and (value.__module__ + ".").startswith(name + "."):
                found[f"{value.__module__.removeprefix('ictspace.')}.{attr}"] = value
    return found


def _state(o):
    return Jurisdiction.objects.get(code=OWN)


def _fresh(obj):
    """A new copy from the database, so one refused call cannot leak into the next."""
    return type(obj).objects.get(pk=obj.pk)


def _indicator():
    return Indicator.objects.get(library__slug=CORE, code="ind-internet")


# module.function → (keyword arguments builder(objects), roles that may call it with them).
# Every role of the cast not listed, the anonymous user and None must be refused.
ACTIONS = {
    "directory.actions.do_load_directory": (lambda o: {"path": DEFAULT_FILE}, NOBODY),
    "directory.actions.do_appoint": (
        lambda o: {
            "person": _fresh(o["appointments"][OWN].person),
            "body": Body.objects.get(code="RCC"),
            "role": "member",
            "jurisdiction": None,
            "start": DAY,
        },
        SECRETARIAT,
    ),
    "directory.actions.do_end_appointment": (
        lambda o: {"appointment": _fresh(o["appointments"][OWN]), "end": DAY},
        SECRETARIAT,
    ),
    "directory.actions.do_create_person": (lambda o: {"full_name": "Ann Other"}, SECRETARIAT),
    "directory.actions.do_add_contact_channel": (
        lambda o: {
            "person": _fresh(o["appointments"][OWN].person),
            "kind": "email",
            "value": "ann@example.org",
            "available_24_7": False,
        },
        SECRETARIAT,
    ),
    "directory.actions.do_appoint_new_person": (
        lambda o: {
            "body": Body.objects.get(code="RCC"),
            "full_name": "Ann Other",
            "position": "Analyst",
            "role": "member",
            "jurisdiction": None,
            "start": DAY,
            "email": "ann@example.org",
        },
        SECRETARIAT,
    ),
    "accounts.actions.do_create_user": (
        lambda o: {"email": "new@example.org", "password": None, "full_name": "New"},
        SECRETARIAT,
    ),
    "accounts.actions.do_grant_role": (
        lambda o: {"user": _fresh(o["draft"][OWN].author), "role": Role.STEERING},
        SECRETARIAT,
    ),
    "catalogue.actions.do_load_library_file": (
        lambda o: {"path": library_files()[0]},
        NOBODY,
    ),
    "catalogue.actions.do_load_library": (
        lambda o: {"parsed": read_library_file(library_files()[0]), "path": library_files()[0]},
        NOBODY,
    ),
    "tracking.initial.do_load_initial_statuses": (lambda o: {}, NOBODY),
    "tracking.actions.do_draft_status_update": (
        lambda o: {
            "jurisdiction": _state(o),
            "item": Item.objects.get(library__slug=IWP, ref="3.1.4"),
            "status": "completed",
            "effective_date": datetime.date(2024, 6, 1),
        },
        NCPOC,
    ),
    "tracking.actions.do_edit_draft": (
        lambda o: {"update": _fresh(o["draft"][OWN]), "expected_version": 1, "status": "completed"},
        NCPOC,
    ),
    "tracking.actions.do_submit_status_update": (
        lambda o: {"update": _fresh(o["draft"][OWN])},
        NCPOC,
    ),
    "tracking.actions.do_review_status_update": (
        lambda o: {"update": _fresh(o["submitted"][OWN]), "decision": "validate"},
        REVIEWERS,
    ),
    "tracking.actions.do_review_status_update#return": (
        lambda o: {
            "update": _fresh(o["submitted"][OWN]),
            "decision": "return",
            "reason": "Add the notice.",
        },
        REVIEWERS,
    ),
    "tracking.evidence.actions.do_attach_file": (
        lambda o: {
            "update": _fresh(o["draft"][OWN]),
            "uploaded_file": values_csv(OWN, "2024"),
            "citation": "Regulator's report",
        },
        NCPOC,
    ),
    "tracking.evidence.actions.do_attach_link": (
        lambda o: {
            "update": _fresh(o["draft"][OWN]),
            "url": "https://www.example.org/report",
            "title": "Report",
            "accessed_on": datetime.date(2024, 5, 1),
            "citation": "Regulator's report",
        },
        NCPOC,
    ),
    "indicators.actions.do_submit_observation": (
        lambda o: {
            "jurisdiction": _state(o),
            "indicator": _indicator(),
            "period": "2023",
            "value": "40",
        },
        NCPOC,
    ),
    "indicators.actions.do_review_observation": (
        lambda o: {"observation": _fresh(o["value_submitted"][OWN]), "decision": "validate"},
        REVIEWERS,
    ),
    "indicators.actions.do_review_import": (
        lambda o: {"job": _fresh(o["job_applied"][OWN]), "decision": "validate"},
        REVIEWERS,
    ),
    "indicators.actions.do_set_target": (
        lambda o: {
            "jurisdiction": _state(o),
            "indicator": _indicator(),
            "kind": "target",
            "period": "2030",
            "value": "80",
        },
        {Role.NCPOC, Role.SECRETARIAT},
    ),
    "indicators.imports.actions.do_upload_import": (
        lambda o: {"jurisdiction": _state(o), "uploaded_file": values_csv(OWN, "2019")},
        NCPOC,
    ),
    "indicators.imports.actions.do_queue_apply": (lambda o: {"job": _fresh(o["job"][OWN])}, NCPOC),
    "indicators.imports.actions.do_apply_import": (lambda o: {"job": _fresh(o["job"][OWN])}, NCPOC),
    "indicators.imports.actions.do_retry_import": (
        lambda o: {"job": _fresh(o["job_stalled"][OWN])},
        NCPOC,
    ),
    "indicators.imports.actions.do_discard_import": (
        lambda o: {"job": _fresh(o["job"][OWN])},
        NCPOC,
    ),
    # harden-data: background task records orphaned by a killed worker.
    "background.do_release_orphaned_tasks": (lambda o: {}, NOBODY),
    # Open platform: releases and personal API tokens.
    "releases.actions.do_publish_release": (
        lambda o: {
            "title": "Second release",
            "as_of": DAY,
            "libraries": Library.objects.filter(slug=IWP),
            "jurisdictions": Jurisdiction.objects.filter(code=OWN),
        },
        SECRETARIAT,
    ),
    "releases.actions.do_withdraw_release": (
        lambda o: {"release": _fresh(o["release"]), "reason": "Wrong figures"},
        SECRETARIAT,
    ),
    "tokens.actions.do_create_token": (lambda o: {"name": "t", "scope": "read"}, set(Role.values)),
    "tokens.actions.do_revoke_token": (lambda o: {"token": _fresh(o["token"][OWN][0])}, NCPOC),
    # Governance.
    "governance.rounds.actions.do_open_round": (
        lambda o: {
            "title": "Status review H2",
            "libraries": [o["round"].libraries.get()],
            "opens_on": DAY,
            "due_on": DAY,
            "jurisdictions": [_state(o)],
        },
        SECRETARIAT,
    ),
    "governance.rounds.actions.do_close_round": (
        lambda o: {"rnd": _fresh(o["round"])},
        SECRETARIAT,
    ),
    "governance.risks.actions.do_create_risk": (
        lambda o: {
            "title": "Loss of funding",
            "category": "financial",
            "inherent_likelihood": 4,
            "inherent_impact": 5,
            "residual_likelihood": 2,
            "residual_impact": 5,
            "owner": o["risk"][OWN].owner,
            "status": "open",
        },
        RISK_EDITORS,
    ),
    "governance.risks.actions.do_update_risk": (
        lambda o: {"risk": _fresh(o["risk"][OWN]), "residual_impact": 1},
        RISK_EDITORS,
    ),
    "governance.risks.actions.do_add_mitigation": (
        lambda o: {
            "risk": _fresh(o["risk"][OWN]),
            "description": "More",
            "owner": o["risk"][OWN].owner,
        },
        RISK_EDITORS,
    ),
    "governance.risks.actions.do_set_mitigation_status": (
        lambda o: {"mitigation": _fresh(o["mitigation"][OWN]), "status": "done"},
        RISK_EDITORS,
    ),
    "governance.meetings.actions.do_record_meeting": (
        lambda o: {
            "body": Body.objects.get(code="RCC"),
            "title": "RCC",
            "date": DAY,
            "online": True,
        },
        SECRETARIAT,
    ),
    "governance.meetings.actions.do_set_minutes": (
        lambda o: {"meeting": _fresh(o["meeting"]), "minutes": "Agreed."},
        SECRETARIAT,
    ),
    "governance.meetings.actions.do_record_decision": (
        lambda o: {"meeting": _fresh(o["meeting"]), "text": "Agreed."},
        SECRETARIAT,
    ),
    "governance.meetings.actions.do_add_action_item": (
        lambda o: {"title": "Draft", "due_on": DAY, "owner_organisation": o["risk"][OWN].owner},
        SECRETARIAT,
    ),
    "governance.meetings.actions.do_set_action_status": (
        lambda o: {"item": _fresh(o["action_item"][OWN]), "status": "done"},
        RISK_EDITORS,  # CTU's focal point owns OWN's item
    ),
    "governance.nominations.actions.do_nominate": (
        lambda o: {
            "jurisdiction": _state(o),
            "nominating_authority": "Attorney General",
            "full_name": "Nominee",
            "email": "nominee@test.example",
            "background": "judiciary",
        },
        {Role.SECRETARIAT, Role.NCPOC},
    ),
    "governance.nominations.actions.do_confirm_nomination": (
        lambda o: {"nomination": _fresh(o["nomination"][OWN])},
        SECRETARIAT,
    ),
    "governance.nominations.actions.do_decline_nomination": (
        lambda o: {"nomination": _fresh(o["nomination"][OWN]), "reason": "No."},
        SECRETARIAT,
    ),
    "accounts.actions.do_revoke_role": (
        lambda o: {"user": o["nomination"][OWN].entered_by, "role": "secretariat"},
        SECRETARIAT,
    ),
    "governance.contacts.actions.do_record_reachability_test": (
        lambda o: {"channel": o["channel"], "tested_on": DAY, "reached": True},
        SECRETARIAT,
    ),
    "governance.contacts.actions.do_issue_calendar_token": (lambda o: {}, SIGNED_IN_ROLES),
    "governance.contacts.actions.do_revoke_calendar_token": (lambda o: {}, SIGNED_IN_ROLES),
    # The worker's step after the checked upload: the platform's own, never a person's.
    "indicators.imports.actions.do_read_import": (
        lambda o: {"job": _fresh(o["job"][OWN])},
        NOBODY,
    ),
    # Cooperation: the public form records reports as the platform (the public has no
    # account); the recipient organisation's members move them; the scheduler purges.
    "publicreports.actions.do_receive_public_report": (
        lambda o: {
            "jurisdiction": _state(o),
            "category": "other",
            "description": "Spam.",
            "urls": [],
            "language": "en",
        },
        NOBODY,
    ),
    "publicreports.actions.do_move_public_report": (
        lambda o: {"report": _fresh(o["public_report"][OWN]), "to": "acknowledged"},
        {Role.FOCAL_POINT},  # CTU's focal point: OWN's reports go to CTU
    ),
    "publicreports.actions.do_purge_public_reports": (
        lambda o: {"now": datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC)},
        NOBODY,
    ),
    # Sharing (issue 14): posts under TLP 2.0 and requests for assistance.
    "sharing.actions.do_create_post": (
        lambda o: {
            "kind": "lesson",
            "title": "Lesson",
            "body": "Patch early.",
            "jurisdiction": _state(o),
            "label": "green",
            "audience": "committee",
        },
        NCPOC,  # the only cast member whose own state is OWN
    ),
    "sharing.actions.do_edit_post": (
        lambda o: {
            "post": _fresh(o["post"][OWN]),
            "title": "New",
            "body": "B",
            "audience": "origin",
        },
        NCPOC,
    ),
    "sharing.actions.do_change_label": (
        lambda o: {"post": _fresh(o["shared_lesson"][OWN]), "label": "amber"},
        {Role.NCPOC, Role.SECRETARIAT},  # its author raises it, and so may the Secretariat
    ),
    "sharing.actions.do_add_observable": (
        lambda o: {"post": _fresh(o["post"][OWN]), "type": "ipv4", "value": "192.0.2.1"},
        NCPOC,
    ),
    "sharing.actions.do_remove_observable": (
        lambda o: {"observable": o["post"][OWN].observables.get()},
        NCPOC,
    ),
    "sharing.actions.do_add_comment": (
        lambda o: {"post": _fresh(o["shared_lesson"][OWN]), "body": "Same here."},
        set(access.COMMITTEE_ROLES),
    ),
    "sharing.actions.do_attach_file": (
        lambda o: {
            "post": _fresh(o["post"][OWN]),
            "uploaded_file": SimpleUploadedFile("x.pdf", b"%PDF-1.4\n%%EOF\n"),
        },
        NCPOC,
    ),
    "sharing.actions.do_accept_request": (lambda o: {"post": _fresh(o["assistance"][OWN])}, NCPOC),
    "sharing.actions.do_decline_request": (lambda o: {"post": _fresh(o["assistance"][OWN])}, NCPOC),
    "sharing.actions.do_complete_request": (
        lambda o: {"post": _fresh(o["assistance_accepted"][OWN])},
        NCPOC,
    ),
    # Standards: STIX downloads, for readers of the posts (OWN's is for its NCPOC only).
    "sharing.stix.actions.do_export_post_stix": (
        lambda o: {"post": o["stix_post"][OWN]},
        NCPOC,
    ),
    "sharing.stix.actions.do_export_posts_stix": (lambda o: {}, SIGNED_IN_ROLES),
    # Decisions (issue 12 §5–6): a reviewer opening an upload's preview; the grid form.
    "indicators.actions.do_open_upload_preview": (
        lambda o: {"job": _fresh(o["job_applied"][OWN])},
        REVIEWERS,
    ),
    "indicators.actions.do_submit_grid": (
        lambda o: {
            "jurisdiction": _state(o),
            "period": "2023",
            "values": {_indicator(): "41"},
            "source": "Survey",
        },
        NCPOC,
    ),
    # Languages: each account keeps its own interface language.
    "languages.actions.do_choose_language": (lambda o: {"language": "fr"}, SIGNED_IN_ROLES),
    # Home pages (issue 12): each account notes its own visits.
    "portal.actions.do_note_home_visit": (lambda o: {}, SIGNED_IN_ROLES),
    # Reports: requested by the Secretariat, the chair or the state's NCPOC; built by the
    # worker; downloaded by whoever may read the issued report.
    "reports.actions.do_request_report": (
        lambda o: {
            "kind": "country",
            "jurisdiction": _state(o),
            "as_of": DAY,
            "period_start": DAY,
            "language": "en",
        },
        {Role.SECRETARIAT, Role.RCC_CHAIR, Role.NCPOC},
    ),
    "reports.actions.do_build_report": (lambda o: {"report": _fresh(o["report"][OWN])}, NOBODY),
    "reports.actions.do_download_report_file": (
        lambda o: {"report_file": o["report"][OWN].files.get(format="pdf")},
        {Role.SECRETARIAT, Role.RCC_CHAIR, Role.NCPOC, Role.STEERING, Role.AUDITOR},
    ),
}


def _action_of(key: str) -> str:
    """A table key is `module.function`, or `module.function#variant` for a second call."""
    return key.split("#")[0]


def test_every_action_is_listed():
    found = set(_discovered())
    listed = {_action_of(key) for key in ACTIONS}
    unlisted = sorted(found - listed)
    assert unlisted == [], f"say who may call these actions in ACTIONS: {unlisted}"
    stale = sorted((listed | SYSTEM_MAY) - found)
    assert stale == [], f"these actions no longer exist: {stale}"


def test_every_listed_action_takes_an_actor():
    actions = _discovered()
    for name in {_action_of(key) for key in ACTIONS}:
        parameter = inspect.signature(actions[name]).parameters.get("acting_user")
        assert parameter is not None, f"{name} takes no acting_user"
        assert parameter.kind is inspect.Parameter.KEYWORD_ONLY, f"{name}: acting_user by keyword"
        assert parameter.default is inspect.Parameter.empty, f"{name}: acting_user has a default"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with committed_world(django_db_blocker, tmp_path_factory.mktemp("media")) as built:
        yield built


def _row_counts() -> dict[str, int]:
    ours = (m for m in apps.get_models() if m.__module__.startswith("ictspace."))
    return {m._meta.label: m._base_manager.count() for m in ours}


# The platform's own work (loaders, demo data) may call these; every other action is a
# person's and refuses SYSTEM too, so a command cannot act in an official's name.
SYSTEM_MAY = {
    "accounts.actions.do_create_user",
    "accounts.actions.do_grant_role",
    "accounts.actions.do_revoke_role",  # a seat that ended, revoked by the scheduler's job
    "directory.actions.do_appoint",
    "directory.actions.do_appoint_new_person",
    "directory.actions.do_add_contact_channel",
    "directory.actions.do_create_person",
    "directory.actions.do_end_appointment",
    # Open platform: demo data publishes a release.
    "releases.actions.do_publish_release",
    "releases.actions.do_withdraw_release",
}


def _unauthorised(name: str, cast: dict, allowed: set) -> dict:
    callers = {"nobody (None)": None, "anonymous": AnonymousUser()}
    if allowed and _action_of(name) not in SYSTEM_MAY:
        callers["the platform (SYSTEM)"] = access.SYSTEM
    for role in CAST_ROLES:
        if role != "anonymous" and role not in allowed:
            callers[role] = cast[role]
    return callers


@pytest.mark.parametrize("name", sorted(ACTIONS))
def test_an_unauthorised_caller_is_refused_and_nothing_is_written(name, db, world):
    cast, objects = world
    action = _discovered()[_action_of(name)]
    build, allowed = ACTIONS[name]
    before = _row_counts()
    for label, user in _unauthorised(name, cast, allowed).items():
        with pytest.raises(PermissionDenied):
            action(**build(objects), acting_user=user)
        assert _row_counts() == before, f"{name} wrote rows for {label}"


@pytest.mark.parametrize("name", sorted(ACTIONS))
def test_the_same_call_succeeds_for_who_may(name, db, world):
    """The refusals above come from access, not from arguments that fit nobody."""
    cast, objects = world
    action = _discovered()[_action_of(name)]
    build, allowed = ACTIONS[name]
    callers = [cast[role] for role in sorted(allowed)] or [access.SYSTEM]
    for user in callers:
        with transaction.atomic():  # each caller on the objects as built
            action(**build(objects), acting_user=user)
            transaction.set_rollback(True)
