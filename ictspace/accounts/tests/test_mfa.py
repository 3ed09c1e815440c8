"""Outside demo mode every signed-in role must have MFA; sign-in asks for the TOTP code."""

import base64
import hashlib
import hmac
import struct
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from ictspace.accounts.models import Role
from ictspace.conftest import PASSWORD, make_user


def totp_code(secret: str, at: float | None = None) -> str:
    """RFC 6238 computed here, independently of allauth: 30-second steps, 6 digits, SHA-1."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = int((at or time.time()) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


@pytest.mark.django_db
def test_user_without_mfa_is_sent_to_enrol_first(client, directory):
    user = make_user(Role.NCPOC, mfa=False)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    for url in ("/", "/jurisdictions/BB/", "/directory/organisations/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("mfa_activate_totp"))
    # allauth asks for the password once more before a second factor is added.
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


@pytest.mark.django_db
def test_demo_mode_lets_a_user_skip_enrolment(client, directory, settings):
    settings.DEMO = True
    client.force_login(make_user(Role.NCPOC, mfa=False))
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_sign_in_with_password_then_totp_code(client, directory):
    user = make_user(Role.SECRETARIAT, mfa=False)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session  # not signed in before the second factor

    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    page = client.get("/")
    assert page.status_code == 200
    assert user.email in page.content.decode() or user.full_name in page.content.decode()


@pytest.mark.django_db
def test_enrolment_creates_a_totp_authenticator(client, directory):
    user = make_user(Role.AUDITOR, mfa=False)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_wrong_password_gets_a_generic_message_and_is_rate_limited(client, directory):
    user = make_user(Role.NCPOC)
    messages = set()
    statuses = []
    for _ in range(7):
        response = client.post(reverse("account_login"), {"login": user.email, "password": "nope"})
        statuses.append(response.status_code)
        messages.add(" ".join(str(e) for e in response.context["form"].non_field_errors()))
    assert any("not correct" in m for m in messages), messages
    # Neither message tells whether the account exists.
    other = client.post(reverse("account_login"), {"login": "ghost@x.example", "password": "n"})
    assert "not correct" in " ".join(str(e) for e in other.context["form"].non_field_errors())
    assert any("Too many" in m for m in messages), messages


@pytest.mark.django_db
def test_a_code_from_the_previous_step_is_accepted_once(client, directory):
    """A code typed just after its 30-second step ended still works, but only once."""
    user = make_user(Role.NCPOC, mfa=False)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    previous = totp_code(secret, at=time.time() - 30)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": previous})
    assert client.session.get("_auth_user_id") == str(user.pk)
    client.logout()
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": previous})
    assert "_auth_user_id" not in client.session
