"""What the committee exchanges in the demonstration region: shared posts (an incident, a
lesson, an offer, a request for assistance) and a few reports from the public."""

import datetime

from ictspace import access
from ictspace.directory.models import Jurisdiction
from ictspace.publicreports.actions import do_receive_public_report
from ictspace.sharing.actions import do_accept_request, do_add_comment, do_create_post


def load(reporters: dict, today: datetime.date) -> int:
    """Shared posts between Barbados, Jamaica and Trinidad and Tobago; public reports."""
    states = {j.code: j for j in Jurisdiction.objects.filter(code__in=["BB", "JM", "TT"])}
    if len(states) < 3:
        return 0
    bb, jm, tt = (reporters[states[c].pk] for c in ("BB", "JM", "TT"))
    incident = do_create_post(
        kind="incident",
        title="Phishing against online banking customers",
        body="Messages imitating two local banks lead to a look-alike sign-in page. "
        "The domains below were registered last week.",
        jurisdiction=states["JM"],
        label="amber",
        audience="named",
        named_jurisdictions=[states["BB"], states["TT"]],
        fields={
            "first_seen": today - datetime.timedelta(days=6),
            "sector": "finance",
            "incident_type": "phishing",
            "impact": "medium",
            "incident_status": "contained",
        },
        observables=[
            ("domain", "secure-banklogin.example"),
            ("ipv4", "192.0.2.44"),
            ("email", "alerts@secure-banklogin.example"),
        ],
        acting_user=jm,
    )
    do_add_comment(incident, body="The same kit reached two of our banks; blocked.", acting_user=bb)
    do_create_post(
        kind="lesson",
        title="Restore tests before the hurricane season",
        body="A ministry found its offline backups unreadable during a drill. Test a full "
        "restore every quarter, and keep one copy outside the island.",
        jurisdiction=states["BB"],
        label="green",
        audience="committee",
        acting_user=bb,
    )
    do_create_post(
        kind="offer",
        title="Mobile-phone forensics, two examiners",
        body="Our laboratory can examine phones for other member states' investigations.",
        jurisdiction=states["TT"],
        label="green",
        audience="committee",
        fields={
            "resource_type": "forensic_lab",
            "location": "Port of Spain",
            "availability": "Two weeks' notice",
            "conditions": "A formal request through the NCPOC; evidence sent sealed.",
            "contact": "The NCPOC of Trinidad and Tobago",
        },
        acting_user=tt,
    )
    request = do_create_post(
        kind="request",
        title="Examination of two seized phones",
        body="Two phones seized in a fraud case need a forensic examination.",
        jurisdiction=states["BB"],
        label="amber",
        audience="named",
        fields={"addressed_to": states["TT"], "resource_type": "forensic_lab"},
        acting_user=bb,
    )
    do_accept_request(request, acting_user=tt)
    return 4 + _public_reports(states)


def _public_reports(states: dict) -> int:
    sent = [
        ("BB", "fraud", "A caller said my bank account was blocked and asked for my PIN."),
        ("JM", "hacking", "Someone took over my social media account and messages my contacts."),
        ("TT", "harassment", "An anonymous profile keeps posting my photos with insults."),
    ]
    for code, category, description in sent:
        do_receive_public_report(
            jurisdiction=states[code],
            category=category,
            description=description,
            urls=[],
            language="en",
            acting_user=access.SYSTEM,
        )
    return len(sent)
