"""The language switcher: the cookie, the account, the sign-in, and `lang` on every page."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from ictspace.audit.models import AuditEntry
from ictspace.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db
CHOOSE = reverse("languages:choose")


def _lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def test_choosing_french_sets_the_cookie_and_the_next_page_is_french(client, directory):
    response = client.post(CHOOSE, {"language": "fr", "next": "/directory/bodies/"})
    assert response.status_code == 302
    assert response["Location"] == "/directory/bodies/"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "fr"
    assert cookie["max-age"] == settings.LANGUAGE_COOKIE_AGE  # outlives the browser session
    page = client.get("/directory/bodies/")
    assert _lang(page) == "fr"
    assert "Aller au contenu" in page.content.decode()
    assert "Skip to content" not in page.content.decode()


def test_an_anonymous_choice_writes_nothing(client, directory):
    before = AuditEntry.objects.count()
    client.post(CHOOSE, {"language": "es", "next": "/"})
    assert AuditEntry.objects.count() == before


def test_a_signed_in_choice_is_kept_on_the_account_and_audited(client, cast):
    user = cast["ncpoc"]
    client.force_login(user)
    response = client.post(CHOOSE, {"language": "nl", "next": "/"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.language == "nl"
    entry = AuditEntry.objects.filter(action="choose_language").get()
    assert entry.changes == {"language": ["", "nl"]}
    client.post(CHOOSE, {"language": "nl", "next": "/"})  # the same again changes nothing
    assert AuditEntry.objects.filter(action="choose_language").count() == 1


def test_a_language_that_is_not_offered_changes_nothing(client, cast):
    client.force_login(cast["ncpoc"])
    response = client.post(CHOOSE, {"language": "de", "next": "/"})
    assert response.status_code == 400
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    cast["ncpoc"].refresh_from_db()
    assert cast["ncpoc"].language == ""


def test_a_foreign_next_address_is_not_followed(client, directory):
    response = client.post(CHOOSE, {"language": "fr", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_the_switcher_answers_only_post(client, directory):
    assert client.get(CHOOSE).status_code == 405


def test_signing_in_brings_back_the_account_language(client, directory):
    user = make_user(None, email="lea@test.example", mfa=False)
    user.language = "fr"
    user.save()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"


def test_signing_in_without_a_kept_language_leaves_the_cookie_alone(client, directory):
    user = make_user(None, email="sam@test.example", mfa=False)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


@pytest.mark.parametrize(
    ("accept", "lang", "text"),
    [
        ("fr-FR,fr;q=0.9", "fr", "Aller au contenu"),
        ("es", "es", None),
        ("de-DE,de;q=0.9", "en", "Skip to content"),  # not offered: English, and lang says so
        ("", "en", "Skip to content"),
    ],
)
def test_lang_is_the_language_of_the_page(client, directory, accept, lang, text):
    response = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE=accept)
    assert _lang(response) == lang
    if text:
        assert text in response.content.decode()


@pytest.mark.parametrize("name", ["portal:home", "account_login", "releases:overview"])
def test_the_switcher_is_on_public_pages_and_the_sign_in_page(client, directory, name):
    page = client.get(reverse(name), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert f'action="{CHOOSE}"' in page
    for code, native in [("en", "English"), ("fr", "Français"), ("nl", "Nederlands")]:
        assert f'value="{code}" lang="{code}"' in page
        assert native in page
    assert re.search(r'value="fr" lang="fr" class="link-button" aria-current="true"', page)
