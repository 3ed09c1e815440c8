"""Failed sign-ins are limited per account and per client, never per proxy (issue 11, 2)."""

import ipaddress

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.urls import reverse

from ictspace.accounts.models import Role
from ictspace.audit.models import AuditEntry
from ictspace.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.2"
LOGIN = reverse("account_login")
TOO_MANY = "Too many failed login attempts"


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXIES = [ipaddress.ip_network("10.0.0.0/29")]


def _sign_in(client, login, password, *, remote=PROXY, forwarded=None):
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    return client.post(
        LOGIN, {"login": login, "password": password}, REMOTE_ADDR=remote, headers=headers
    )


def _refused(response) -> bool:
    return response.status_code == 429 or TOO_MANY in response.content.decode()


def _passed_password_step(response) -> bool:
    return response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")


def test_an_attackers_failures_do_not_lock_out_a_colleague_behind_the_same_proxy(
    client, directory, behind_proxy
):
    victim = make_user(Role.NCPOC)
    results = [
        _sign_in(client, f"nobody{n}@test.example", "wrong", forwarded="203.0.113.9")
        for n in range(40)
    ]
    assert not _refused(results[0])
    assert _refused(results[-1])  # the attacker's own address is stopped
    response = _sign_in(client, victim.email, PASSWORD, forwarded="192.0.2.1, 198.51.100.7")
    assert _passed_password_step(response)


def test_a_forged_header_from_outside_the_proxy_is_ignored(client, directory, behind_proxy):
    results = [
        _sign_in(
            client, f"nobody{n}@test.example", "wrong", remote="192.0.2.50", forwarded=f"1.2.3.{n}"
        )
        for n in range(40)
    ]
    assert _refused(results[-1])


def test_the_per_account_limit_stops_guessing_from_many_addresses(client, directory, behind_proxy):
    victim = make_user(Role.NCPOC)
    for n in range(5):
        assert not _refused(_sign_in(client, victim.email, "guess", forwarded=f"203.0.113.{n}"))
    assert _refused(_sign_in(client, victim.email, "guess", forwarded="203.0.113.99"))
    # Even the right password waits: the account is what is being guessed.
    assert _refused(_sign_in(client, victim.email, PASSWORD, forwarded="198.51.100.7"))


def test_counters_live_in_the_database_cache_every_worker_shares(client, directory):
    assert django_settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache")
    table = django_settings.CACHES["default"]["LOCATION"]
    _sign_in(client, "nobody@test.example", "wrong")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 (a setting, not input)
        assert cursor.fetchone()[0] > 0


def test_a_failed_sign_in_is_audited_with_the_client_address(client, directory, behind_proxy):
    victim = make_user(Role.NCPOC)
    _sign_in(client, victim.email, "wrong", forwarded="203.0.113.5")
    _sign_in(client, "nobody@test.example", "wrong", forwarded="203.0.113.6")
    entries = AuditEntry.objects.filter(action="security_sign_in_failed").order_by("id")
    assert [(e.object_id, e.changes["address"][1]) for e in entries] == [
        (str(victim.pk), "203.0.113.5"),
        ("", "203.0.113.6"),
    ]
    assert entries[1].object_repr == "nobody@test.example"
    assert {e.actor_label for e in entries} == {"anonymous"}
