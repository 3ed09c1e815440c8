import pytest
from django.urls import reverse

from ictspace.accounts.models import Role

pytestmark = pytest.mark.django_db


def test_forgot_your_password_appears_once(client, directory):
    html = client.get(reverse("account_login")).content.decode()
    assert html.count("Forgot your password?") == 1


def test_a_demo_instance_lists_its_accounts_with_their_roles(client, directory, settings):
    settings.DEMO = True
    html = client.get(reverse("account_login")).content.decode()
    assert f"<dt>{Role.NCPOC.label} (Barbados)</dt>" in html
    assert f"<dt>{Role.FOCAL_POINT.label} (CTU)</dt>" in html
    assert "<code>ncpoc.bb@demo.ictspace.local</code>" in html
    assert "<code>demo-ictspace-2026</code>" in html
    assert "make run" not in html


def test_production_lists_no_demo_account(client, directory, settings):
    settings.DEMO = False
    html = client.get(reverse("account_login")).content.decode()
    assert "demo.ictspace.local" not in html
    assert "demo-ictspace-2026" not in html
