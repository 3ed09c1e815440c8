"""Security events are audited; the sign-in e-mail changes only verified (issue 11, 5)."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.urls import reverse

from ictspace.accounts.models import Role
from ictspace.accounts.tests.test_mfa import totp_code
from ictspace.audit.models import AuditEntry
from ictspace.conftest import PASSWORD, make_user
from ictspace.directory.actions import do_create_person

pytestmark = pytest.mark.django_db
NEW = "new-address@test.example"
CONFIRM = "/accounts/confirm-email/"


def _events(user, action):
    return AuditEntry.objects.filter(action=action, object_id=str(user.pk)).order_by("id")


def _mailed_code() -> str:
    return re.search(r"\n([A-Z0-9]{4}-[A-Z0-9]{4})\n", mail.outbox[-1].body).group(1)


def _ask_for_new_address(client):
    return client.post(reverse("account_email"), {"email": NEW, "action_add": ""})


@pytest.fixture
def signed_in(client, directory):
    user = make_user(Role.NCPOC)
    client.force_login(user)
    return user


def test_changing_the_email_needs_a_fresh_sign_in(client, signed_in):
    response = _ask_for_new_address(client)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert mail.outbox == []


def test_the_new_email_counts_only_once_its_code_is_entered(client, signed_in):
    old = signed_in.email
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert _ask_for_new_address(client)["Location"] == CONFIRM
    assert mail.outbox[-1].to == [NEW]
    # Neither making it primary nor a wrong code changes the sign-in address.
    client.post(reverse("account_email"), {"email": NEW, "action_primary": ""})
    client.post(CONFIRM, {"code": "AAAA-AAAA"})
    signed_in.refresh_from_db()
    assert signed_in.email == old
    assert not _events(signed_in, "security_email_changed").exists()

    client.post(CONFIRM, {"code": _mailed_code()})
    signed_in.refresh_from_db()
    assert signed_in.email == NEW
    [event] = _events(signed_in, "security_email_changed")
    assert event.changes["email"] == [old, NEW]
    assert event.actor_id == signed_in.pk


def test_the_audit_who_is_stable_across_an_email_change(client, directory):
    signed_in = make_user(Role.SECRETARIAT)
    client.force_login(signed_in)
    old = signed_in.email
    do_create_person(full_name="Recorded Before", acting_user=signed_in)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    _ask_for_new_address(client)
    client.post(CONFIRM, {"code": _mailed_code()})
    before = AuditEntry.objects.get(action="create", object_repr="Recorded Before")
    assert before.actor_label == f"{signed_in.full_name} <{old}> #{signed_in.pk}"
    auditor = make_user(Role.AUDITOR)
    client.force_login(auditor)
    for who in (old, NEW, f"#{signed_in.pk}"):
        html = client.get(reverse("audit:log"), {"who": who}).content.decode()
        assert "Recorded Before" in html, who


def test_a_password_change_is_audited(client, signed_in):
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    new_password = "another long passphrase 77"
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": new_password, "password2": new_password},
    )
    assert response.status_code == 302
    signed_in.refresh_from_db()
    assert signed_in.check_password(new_password)
    [event] = _events(signed_in, "security_password_changed")
    assert event.actor_id == signed_in.pk
    assert event.changes["address"] == [None, "127.0.0.1"]


def test_adding_and_removing_a_second_factor_is_audited(
    client, directory, django_capture_on_commit_callbacks
):
    user = make_user(Role.AUDITOR, mfa=False)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
    with django_capture_on_commit_callbacks(execute=True):  # allauth signals on commit
        client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert Authenticator.objects.filter(user=user, type="totp").exists()
    added = [e.changes["type"] for e in _events(user, "security_second_factor_added")]
    assert added == [[None, "totp"], [None, "recovery_codes"]]  # codes come with the first

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=user, type="totp").exists()
    removed = [e.changes["type"] for e in _events(user, "security_second_factor_removed")]
    assert ["totp", None] in removed


def test_a_wrong_second_factor_code_is_audited(client, directory):
    user = make_user(Role.NCPOC)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": "000000"})
    [event] = _events(user, "security_second_factor_failed")
    assert (event.actor_id, event.actor_label) == (None, "anonymous")
    assert event.changes["type"] == [None, "totp"]
