"""TLP 2.0 labels, audiences and THE rule table of who may read a post.

access.py turns these rules into querysets; the leak-matrix test is generated from
`may_read` below, so the two can never drift apart without a failing test.
"""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _


class Label(models.TextChoices):
    CLEAR = "clear", "TLP:CLEAR"
    GREEN = "green", "TLP:GREEN"
    AMBER = "amber", "TLP:AMBER"
    AMBER_STRICT = "amber+strict", "TLP:AMBER+STRICT"
    RED = "red", "TLP:RED"


# From least to most restrictive: lowering moves left, raising moves right.
ORDER = [Label.CLEAR, Label.GREEN, Label.AMBER, Label.AMBER_STRICT, Label.RED]

# FIRST's TLP 2.0 definitions (https://www.first.org/tlp/), shown beside the choice.
DEFINITIONS = {
    Label.CLEAR: _("Recipients can spread this to the world, there is no limit on disclosure."),
    Label.GREEN: _(
        "Limited disclosure, recipients can spread this within their community, "
        "but not via publicly accessible channels."
    ),
    Label.AMBER: _(
        "Limited disclosure, recipients can only spread this on a need-to-know basis "
        "within their organization and its clients."
    ),
    Label.AMBER_STRICT: _(
        "Limited disclosure, recipients can only spread this on a need-to-know basis "
        "within their organization only."
    ),
    Label.RED: _("For the eyes and ears of individual recipients only, no further disclosure."),
}

# Labels whose body never leaves the platform: e-mail carries only a link.
LINK_ONLY_IN_EMAIL = frozenset({Label.AMBER_STRICT, Label.RED})


class Audience(models.TextChoices):
    ORIGIN = "origin", _("The originating jurisdiction only")
    NAMED = "named", _("Named jurisdictions")
    COMMITTEE = "committee", _("The whole committee")
    PUBLIC = "public", _("Every signed-in user (TLP:CLEAR only)")


def is_lowering(old: str, new: str) -> bool:
    return ORDER.index(Label(new)) < ORDER.index(Label(old))


# The rule table. Who reads a post, besides its author who always does:
#   audience  ORIGIN     NCPOCs of the originating jurisdiction
#             NAMED      NCPOCs of the originating or a named jurisdiction
#             COMMITTEE  every committee role (all roles but the auditor)
#             PUBLIC     every signed-in user (CLEAR only)
#   label     CLEAR, GREEN, AMBER  the audience
#             AMBER+STRICT         the audience, and only those whose own organisation is
#                                  one of the post's recipient organisations
#             RED                  the named individual recipients only, whatever the audience
AUDIENCE_RULE = {
    Audience.ORIGIN: "origin_ncpoc",
    Audience.NAMED: "origin_or_named_ncpoc",
    Audience.COMMITTEE: "committee_role",
    Audience.PUBLIC: "signed_in",
}
LABEL_RULE = {
    Label.CLEAR: "audience",
    Label.GREEN: "audience",
    Label.AMBER: "audience",
    Label.AMBER_STRICT: "audience_in_recipient_organisation",
    Label.RED: "named_individuals",
}


@dataclass(frozen=True)
class Reader:
    """What the rules need to know about a reader (used by the generated test)."""

    signed_in: bool
    committee: bool = False
    ncpoc_of: frozenset = field(default_factory=frozenset)
    organisations: frozenset = field(default_factory=frozenset)
    user_id: int | None = None


@dataclass(frozen=True)
class PostFacts:
    author_id: int
    label: str
    audience: str
    origin: int
    named: frozenset = field(default_factory=frozenset)
    recipient_organisations: frozenset = field(default_factory=frozenset)
    recipients: frozenset = field(default_factory=frozenset)


def in_audience(reader: Reader, post: PostFacts) -> bool:
    rule = AUDIENCE_RULE[Audience(post.audience)]
    if rule == "signed_in":
        return reader.signed_in
    if rule == "committee_role":
        return reader.committee
    if rule == "origin_ncpoc":
        return post.origin in reader.ncpoc_of
    return bool(({post.origin} | post.named) & reader.ncpoc_of)


def may_read(reader: Reader, post: PostFacts) -> bool:
    """The rule table in plain Python: does this reader see this post?"""
    if reader.user_id is not None and reader.user_id == post.author_id:
        return True
    rule = LABEL_RULE[Label(post.label)]
    if rule == "named_individuals":
        return reader.user_id in post.recipients
    if not in_audience(reader, post):
        return False
    if rule == "audience_in_recipient_organisation":
        return bool(reader.organisations & post.recipient_organisations)
    return True
