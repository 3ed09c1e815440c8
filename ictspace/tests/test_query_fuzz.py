"""Every URL of the matrix × every role, with hostile query parameters: no 5xx (issue 11.7).

The parameters are found in the source, not listed by hand: every name a view reads from
`request.GET` (directly, through a helper it calls, a paginator or a form bound to it).
Each URL is asked twice over: with every parameter of the project set to one hostile value
at a time (every role), and with each parameter its view reads set alone (as one role that
may see the page, so that a parameter refused early cannot hide one read later). A table
of values, not generated examples: some 3,000 requests, each a known kind of trouble.
"""

import inspect
import re
import sys
from functools import cache

import pytest
from django import forms
from django.urls import resolve, reverse

from ictspace.conftest import CAST_ROLES, OWN
from ictspace.tests.objects import CORE, IWP, committed_world
from ictspace.tests.test_permission_matrix import MATRIX, _allowed, _name

READS = re.compile(r"""GET(?:\.get|\.getlist|\.__getitem__)?[(\[]\s*["']([\w-]+)["']""")
PAGED = re.compile(r"""_page_of\([^)]*["']([\w-]+)["']\)""")
BOUND = re.compile(r"""(\w+)\(\s*request\.GET""")
CALLS = re.compile(r"\b(\w+)\(")
# Read through a helper that takes the name as an argument (the export's period bounds).
DYNAMIC = {"ictspace.indicators.imports.views._filters": {"from", "to"}}

# Hostile values: path tricks, empty and blank, huge and odd numbers, impossible dates,
# markup and quotes, control and non-ASCII digits, a very long string.
HOSTILE = [
    "../../x",
    "",
    "-1",
    "0000",
    "99999999999999999999999",
    "1e400",
    "NaN",
    "0001-01-01",
    "9999-99-99",
    "\x00",
    "\u00b2",  # a superscript two: str.isdigit() says yes, int() says no
    "\u0663\u0660\u0662\u0664",  # Arabic-Indic digits
    "x" * 3000,
]
# Asked with every parameter at once only: they matter as text, not to a parser.
TEXT_ONLY = [" ", "<script>alert(1)</script>", "'\"`;--", "%2e%2e%2f"]
# What every other role is asked (all parameters at once); the page's reader gets them all.
EVERY_ROLE = ["../../x", "99999999999999999999999", "\u00b2"]


def _source_params(source: str) -> set[str]:
    return set(READS.findall(source)) | set(PAGED.findall(source))


def _bound_form_params(source: str, module) -> set[str]:
    names = set()
    for class_name in BOUND.findall(source):
        form = getattr(module, class_name, None)
        if isinstance(form, type) and issubclass(form, forms.BaseForm):
            names |= set(form.base_fields)
    return names


def _project_function(value) -> bool:
    return inspect.isfunction(value) and value.__module__.startswith("ictspace.")


@cache
def view_params(view) -> frozenset[str]:
    """What a view reads from the query string: in its own code or in the project's
    functions it calls (followed by name, e.g. a `_filters(request)` or `parse_as_of`)."""
    params, seen, todo = set(), set(), [inspect.unwrap(view)]
    while todo:
        function = todo.pop()
        if function in seen:
            continue
        seen.add(function)
        module = sys.modules[function.__module__]
        source = inspect.getsource(function)
        params |= _source_params(source) | _bound_form_params(source, module)
        params |= DYNAMIC.get(f"{function.__module__}.{function.__qualname__}", set())
        called = (getattr(module, name, None) for name in CALLS.findall(source))
        todo += [f for f in called if _project_function(f)]
    return frozenset(params)


def _view(url: str):
    return resolve(url.split("?")[0]).func


@cache
def all_params() -> frozenset[str]:
    found = set()
    for name in MATRIX:
        found |= view_params(_view(_url(name)))
    return frozenset(found)


def _url(name: str, objects=None) -> str:
    build = MATRIX[name][0]
    return reverse(_name(name), kwargs=build(OWN, objects or _Anything()))


class _Anything(dict):
    """Stands for the objects when only the view behind a URL is wanted."""

    def __missing__(self, key):
        return _Anything()

    @property
    def pk(self):
        return 1

    number = pk  # a release is addressed by its number


def _reader(allowed) -> str:
    roles = _allowed(allowed, OWN)
    preferred = ["secretariat", "rcc_chair", "ncpoc", "steering", "auditor", "focal_point"]
    return next((r for r in preferred if r in roles), "anonymous")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with committed_world(django_db_blocker, tmp_path_factory.mktemp("media")) as built:
        yield built


def test_the_parameters_are_found_in_the_source():
    found = all_params()
    assert {"library", "page", "errors", "since", "from", "to", "jurisdiction"} <= found
    assert {"frequency", "from_year"} <= found  # the template form, bound to request.GET


def _server_errors(client, url: str, queries) -> list[str]:
    failures = []
    for query in queries:
        response = client.get(url, query)
        if response.status_code >= 500:
            shown = {k: (v[:20] if isinstance(v, str) else v) for k, v in query.items()}
            failures.append(f"{response.status_code} {url} {shown!r}")
    return failures


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_no_query_string_makes_a_server_error(name, db, world, client_for):
    cast, objects = world
    url = _url(name, objects)
    params = sorted(all_params())
    failures = []
    reader = _reader(MATRIX[name][1])
    for role in CAST_ROLES:
        client = client_for(cast[role])
        client.raise_request_exception = False
        values = [*HOSTILE, *TEXT_ONLY] if role == reader else EVERY_ROLE
        queries = [dict.fromkeys(params, value) for value in values]
        queries.append(dict.fromkeys(params, HOSTILE[:3]))  # each one repeated
        if role == reader:  # each of its own alone, so that none hides another
            own = sorted(view_params(_view(url)))
            queries += [{param: value} for param in own for value in HOSTILE]
        failures += [f"{role}: {f}" for f in _server_errors(client, url, queries)]
    assert failures == []


def test_the_reported_cases_answer_without_a_server_error(db, world, client_for):
    """The two this fuzz found: a library picker value that is no slug, a 23-digit year."""
    cast, _objects = world
    client = client_for(cast["secretariat"])
    dashboard = reverse("tracking:dashboard", kwargs={"code": OWN, "slug": IWP})
    assert client.get(dashboard, {"library": "../../x"}).status_code == 404
    assert client.get(dashboard, {"library": CORE}).status_code == 302
    library = reverse("catalogue:library", kwargs={"slug": IWP})
    for year in ("99999999999999999999999", "0000", "\u00b2", "\u0662\u0660\u0662\u0664"):
        assert client.get(library, {"due_year": year}).status_code == 200
