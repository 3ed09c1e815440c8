"""What an audit action means, in words a reader understands (`validated_status` → "validated a status update")."""

from django.apps import apps
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# One verb phrase per action the platform records. An action missing here still reads
# well enough through `describe`'s fallback, but add it: the choice list shows these.
VERBS = {
    "create": _("created"),
    "update": _("changed"),
    "appoint": _("appointed someone"),
    "end_appointment": _("ended an appointment"),
    "add_contact": _("added a contact channel"),
    "reachability_test": _("recorded a reachability test"),
    "grant_role": _("granted a role"),
    "revoke_role": _("revoked a role"),
    "load_library": _("loaded a library"),
    "load_initial_status": _("loaded a status from a source document"),
    "draft_status": _("saved a status update as draft"),
    "edit_draft": _("edited a draft"),
    "submitted_status": _("submitted a status update"),
    "validated_status": _("validated a status update"),
    "returned_status": _("returned a status update"),
    "attach_evidence": _("attached evidence"),
    "submit_observation": _("submitted an indicator value"),
    "submitted_observation": _("submitted an indicator value"),
    "validated_observation": _("validated an indicator value"),
    "returned_observation": _("returned an indicator value"),
    "set_baseline": _("set a baseline"),
    "set_target": _("set a target"),
    "upload_import": _("uploaded a spreadsheet"),
    "retry_import": _("retried reading a spreadsheet"),
    "apply_import": _("added the values of a spreadsheet"),
    "discard_import": _("discarded a spreadsheet upload"),
    "validated_import": _("validated the values of a spreadsheet"),
    "returned_import": _("returned the values of a spreadsheet"),
    "release_orphaned_task": _("closed a stalled background task"),
    "published_release": _("published a release"),
    "withdrew_release": _("withdrew a release"),
    "created_api_token": _("created an API token"),
    "revoked_api_token": _("revoked an API token"),
    "issue_calendar_token": _("issued a calendar link"),
    "revoke_calendar_token": _("revoked a calendar link"),
    "open_round": _("opened a review round"),
    "close_round": _("closed a review round"),
    "create_risk": _("recorded a risk"),
    "update_risk": _("changed a risk"),
    "add_mitigation": _("added a mitigation"),
    "mitigation_status": _("changed a mitigation's status"),
    "record_meeting": _("recorded a meeting"),
    "set_minutes": _("set a meeting's minutes"),
    "record_decision": _("recorded a decision"),
    "add_action_item": _("added an action item"),
    "action_item_status": _("changed an action item's status"),
    "gap_closed": _("closed a gap"),
    "nominate": _("nominated someone"),
    "confirm_nomination": _("confirmed a nomination"),
    "decline_nomination": _("declined a nomination"),
    "security_sign_in_failed": _("failed to sign in"),
    "security_second_factor_failed": _("gave a wrong second-factor code"),
    "security_second_factor_added": _("added a second factor"),
    "security_second_factor_removed": _("removed a second factor"),
    "security_recovery_codes_reset": _("made new recovery codes"),
    "security_password_changed": _("changed their password"),
    "security_password_reset": _("reset their password"),
    "security_email_changed": _("changed their e-mail address"),
    "security_email_added": _("added an e-mail address"),
}
# Verbs that name no object themselves: the object's kind completes them.
NEEDS_OBJECT = {"create", "update"}


def thing(object_type: str) -> str:
    """The kind of object, as its model names it ("status update"), or the raw label."""
    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type.rpartition(".")[2]


def verb(action: str) -> str:
    """The action's verb phrase; an unknown one is read with its underscores as spaces."""
    return str(VERBS.get(action) or action.replace("_", " "))


def describe(action: str, object_type: str) -> str:
    """The whole phrase for an entry: "validated a status update", "created a person"."""
    if action in NEEDS_OBJECT or action not in VERBS:
        return gettext("%(verb)s: %(thing)s") % {"verb": verb(action), "thing": thing(object_type)}
    return verb(action)


def choices(actions) -> list[tuple[str, str]]:
    """(action, phrase) for a choice list, sorted by what the reader sees."""
    return sorted(((a, verb(a)) for a in set(actions)), key=lambda pair: pair[1].casefold())
