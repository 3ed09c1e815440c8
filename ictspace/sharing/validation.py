"""What each kind of post must carry, and what each observable type accepts."""

import ipaddress
import re

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

from ictspace.sharing.tlp import Audience, Label

# The fields a kind needs filled, beyond title and description.
REQUIRED = {
    "incident": ("first_seen", "sector", "incident_type", "impact", "incident_status"),
    "alert": ("severity", "affected"),
    "lesson": (),
    "offer": ("resource_type", "location", "availability", "conditions", "contact"),
    "request": ("addressed_to", "resource_type"),
}
# The fields that belong to one kind only: other kinds leave them empty.
OWN_FIELDS = {
    "incident": ("first_seen", "sector", "incident_type", "impact", "incident_status"),
    "alert": ("severity", "affected"),
    "offer": ("location", "availability", "conditions", "contact"),
    "request": ("addressed_to",),
}
DOMAIN = re.compile(
    r"^(?=.{1,253}$)(?!-)([a-z0-9-]{1,63}(?<!-)\.)+[a-z][a-z0-9-]{0,62}(?<!-)$", re.IGNORECASE
)
HEX_LENGTH = {"md5": 32, "sha1": 40, "sha256": 64}


def check_post(post) -> None:
    """Per-kind fields, and the label that the public audience requires."""
    errors = {}
    for name in REQUIRED[post.kind]:
        if getattr(post, name) in (None, ""):
            errors[name] = _("A %(kind)s needs this field.") % {"kind": post.get_kind_display()}
    for kind, names in OWN_FIELDS.items():
        if kind == post.kind:
            continue
        for name in names:
            if getattr(post, name) not in (None, ""):
                errors[name] = _("Only a %(kind)s has this field.") % {"kind": dict(_kinds())[kind]}
    if post.audience == Audience.PUBLIC and post.label != Label.CLEAR:
        errors["audience"] = _("Only a TLP:CLEAR post may go to every signed-in user.")
    if post.kind == "request" and post.addressed_to_id == post.jurisdiction_id:
        errors["addressed_to"] = _("Address the request to another jurisdiction.")
    if errors:
        raise ValidationError(errors)


def _kinds():
    from ictspace.sharing.models import Kind

    return Kind.choices


def check_recipients(*, label, audience, named_jurisdictions, organisations, recipients) -> None:
    """The lists a label or an audience needs: named jurisdictions, organisations, people."""
    errors = {}
    if audience == Audience.NAMED and not named_jurisdictions:
        errors["named_jurisdictions"] = _("Name at least one jurisdiction.")
    if label == Label.AMBER_STRICT and not organisations:
        errors["recipient_organisations"] = _(
            "TLP:AMBER+STRICT stays inside organisations: name at least one."
        )
    if label == Label.RED and not recipients:
        errors["recipients"] = _("TLP:RED is for named people: name at least one.")
    if errors:
        raise ValidationError(errors)


def normalised(type_: str, value: str) -> str:
    """The canonical spelling of an observable: hashes and domains in lower case, IPs compact."""
    value = value.strip()
    if type_ in HEX_LENGTH or type_ == "domain":
        return value.lower().rstrip(".") if type_ == "domain" else value.lower()
    if type_ in ("ipv4", "ipv6"):
        try:
            return str(ipaddress.ip_address(value))
        except ValueError:
            return value
    return value


def check_observable(observable) -> None:
    if not _valid(observable.type, observable.value):
        raise ValidationError(
            {
                "value": _("“%(value)s” is not a valid %(type)s.")
                % {"value": observable.value[:80], "type": observable.get_type_display()}
            }
        )


def _valid(type_: str, value: str) -> bool:
    if type_ in HEX_LENGTH:
        return bool(re.fullmatch(rf"[0-9a-fA-F]{{{HEX_LENGTH[type_]}}}", value))
    if type_ == "domain":
        return bool(DOMAIN.match(value))
    if type_ in ("ipv4", "ipv6"):
        return _ip_version(value) == (4 if type_ == "ipv4" else 6)
    checker = URLValidator(schemes=["http", "https", "ftp"]) if type_ == "url" else EmailValidator()
    try:
        checker(value)
    except ValidationError:
        return False
    return True


def _ip_version(value: str) -> int | None:
    try:
        return ipaddress.ip_address(value).version
    except ValueError:
        return None
