"""Shared fixtures: the directory, a fixed cast of users per role, browser settings."""

import os
import shutil

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from ictspace import access
from ictspace.accounts.models import Role, RoleGrant, User
from ictspace.directory.actions import do_load_directory
from ictspace.directory.models import Jurisdiction, Organisation

OWN = "BB"  # the NCPOC's own jurisdiction in every test
OTHER = "JM"
PASSWORD = "correct horse battery staple 42"


def _database_fixture(request) -> str | None:
    """The database fixture the test uses (None: no database), to reach the cache first."""
    names = set(request.fixturenames)
    marker = request.node.get_closest_marker("django_db")
    if {"transactional_db", "live_server"} & names or (marker and marker.kwargs.get("transaction")):
        return "transactional_db"
    if marker or "db" in names:
        return "db"
    return None


@pytest.fixture(autouse=True)
def _empty_cache(request):
    """Rate limits and used TOTP codes live in the cache: no test inherits another's.

    The cache is a database table (shared by all workers), so only a test that may use
    the database can have filled it.
    """
    fixture = _database_fixture(request)
    if fixture is None:
        yield
        return
    request.getfixturevalue(fixture)
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # Hashed static names need collectstatic; tests serve the files as they are.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def _load_reference_data() -> None:
    from ictspace.catalogue.actions import do_load_library_file, library_files
    from ictspace.catalogue.models import Library

    if not Jurisdiction.objects.filter(code=OWN).exists():
        do_load_directory(acting_user=access.SYSTEM)
    files = library_files()
    if Library.objects.count() < len(files):
        for path in files:
            do_load_library_file(path, acting_user=access.SYSTEM)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the directory and the libraries once, committed, for the whole session."""
    with django_db_blocker.unblock():
        _load_reference_data()


@pytest.fixture
def directory(db):
    """The real directory file, loaded once per test database (reloaded after a flush)."""
    if not Jurisdiction.objects.filter(code=OWN).exists():
        do_load_directory(acting_user=access.SYSTEM)


def make_user(role: str | None, *, email: str | None = None, mfa: bool = True) -> User:
    from ictspace.tests.factories import UserFactory

    email = email or f"{role or 'nobody'}@test.example"
    user = UserFactory(email=email, password=PASSWORD, full_name=email.split("@")[0])
    if role:
        scope = {}
        if role == Role.NCPOC:
            scope["jurisdiction"] = Jurisdiction.objects.get(code=OWN)
        if role == Role.FOCAL_POINT:
            scope["organisation"] = Organisation.objects.get(code="CTU")
        RoleGrant.objects.create(user=user, role=role, **scope)
    if mfa:
        TOTP.activate(user, generate_totp_secret())
    return user


CAST_ROLES = ["anonymous", *Role.values]


@pytest.fixture
def cast(directory):
    """One user per role; 'anonymous' is None."""
    users = {"anonymous": None}
    for role in Role.values:
        users[role] = make_user(role)
    return users


@pytest.fixture
def client_for(client):
    """A test client signed in as the given user (None: anonymous)."""

    def _client(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return _client


def browser_required() -> bool:
    return os.environ.get("REQUIRE_BROWSER") == "1"


@pytest.fixture(scope="session")
def chromium_path():
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        if browser_required():
            pytest.fail("Chromium is required (REQUIRE_BROWSER=1) but /usr/bin/chromium is missing")
        pytest.skip("Chromium is not installed; browser tests skipped")
    return path


@pytest.fixture
def loaded_libraries(directory):
    """Every library file of the repository, loaded once per test database."""
    # Present since session start, unless a transactional test flushed the database.
    _load_reference_data()


@pytest.fixture
def browser_page(chromium_path, live_server, monkeypatch):
    """A fresh Chromium page; its base URL is the live test server."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the test's own ORM calls
    # are still synchronous, so Django's guard against async use does not apply here.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    from ictspace.tests.browser import CHROMIUM_ARGS

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1280, "height": 900}
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        yield page
        context.close()
        browser.close()


@pytest.fixture(autouse=True)
def _no_demo_data_flag_query():
    """The demo banner asks once per process whether demo data is loaded; tests start from
    "no" so that no page's pinned query count depends on which test ran first."""
    from ictspace.demo import flag

    flag._known = False
    yield
    flag._known = False
