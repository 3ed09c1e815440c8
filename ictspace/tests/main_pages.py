"""The main pages of the platform, each with a role that sees it, for the phone and weight checks.

Addresses are built from the permission matrix's own entries (MATRIX: name → kwargs
builder), in the world of `ictspace.tests.objects`, as seen from the NCPOC's own state.
"""

from django.urls import reverse

from ictspace.accounts.models import Role
from ictspace.conftest import OWN
from ictspace.tests.test_permission_matrix import MATRIX

SEC, NCPOC, AUDITOR = Role.SECRETARIAT, Role.NCPOC, Role.AUDITOR

# (role, matrix entry, query string)
MAIN_PAGES = [
    ("anonymous", "portal:home", ""),
    ("anonymous", "account_login", ""),
    ("anonymous", "releases:overview", ""),
    ("anonymous", "releases:release", ""),
    ("anonymous", "releases:country", ""),
    ("anonymous", "releases:indicator", ""),
    (SEC, "portal:jurisdiction", ""),
    (SEC, "directory:organisations", ""),
    (SEC, "directory:organisation", ""),
    (SEC, "directory:bodies", ""),
    (SEC, "directory:body", ""),
    (SEC, "catalogue:libraries", ""),
    (SEC, "catalogue:library", ""),
    (SEC, "catalogue:item", ""),
    (SEC, "tracking:matrix", ""),
    (SEC, "tracking:matrix", "?view=cards&component=3"),
    (SEC, "tracking:matrix", "?library=ccscap-2016&as_of=2020-01-01"),
    (SEC, "tracking:dashboard", ""),
    (SEC, "tracking:item", ""),
    (SEC, "tracking:history", ""),
    (SEC, "tracking:workplan", ""),
    (SEC, "tracking:review_queue", ""),
    (SEC, "tracking:update#submitted", ""),
    (SEC, "indicators:list", ""),
    (SEC, "indicators:indicator", ""),
    (SEC, "indicators:series", ""),
    (SEC, "indicators:review_queue", ""),
    (SEC, "indicators:imports", ""),
    (SEC, "indicators:import#applied", ""),
    (SEC, "governance:home", ""),
    (SEC, "governance:rounds", ""),
    (SEC, "governance:round", ""),
    (SEC, "governance:risks", ""),
    (SEC, "governance:risk", ""),
    (SEC, "governance:meetings", ""),
    (SEC, "governance:meeting", ""),
    (SEC, "governance:reachability", ""),
    (SEC, "tokens:list", ""),
    (AUDITOR, "audit:log", ""),
    (NCPOC, "tracking:my_drafts", ""),
    (NCPOC, "tracking:update_new", ""),
    (NCPOC, "tracking:update#draft", ""),
    (NCPOC, "indicators:template", ""),
    (NCPOC, "indicators:import", ""),
    (NCPOC, "account_email", ""),
]


def address(name: str, objects: dict, query: str = "") -> str:
    """The page's path in the test world (OWN's side of the matrix entry)."""
    if name not in MATRIX:
        return reverse(name) + query
    kwargs = MATRIX[name][0](OWN, objects)
    return reverse(name.split("#")[0], kwargs=kwargs) + query
