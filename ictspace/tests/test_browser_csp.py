"""In a real browser, the Content-Security-Policy blocks nothing our pages need.

htmx would inject an inline style unless configured not to; a stray style attribute or
inline script would be refused by the browser and reported on the console.
"""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from ictspace.accounts.models import Role
from ictspace.conftest import make_user
from ictspace.tests.test_browser_journeys import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PAGES = [
    "/",
    "/jurisdictions/BB/",
    "/libraries/single-ict-space-iwp-2017/",
    "/tracking/",
    "/tracking/BB/single-ict-space-iwp-2017/",
    "/tracking/workplan/single-ict-space-iwp-2017/",
    "/indicators/",
    "/accounts/email/",
]


def test_no_page_trips_the_policy(browser_page, directory, loaded_libraries, settings, tmp_path):
    from ictspace.directory.models import Jurisdiction
    from ictspace.indicators import imports
    from ictspace.tests.objects import values_csv

    settings.MEDIA_ROOT = tmp_path / "media"
    page = browser_page
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    user = make_user(Role.NCPOC, email="csp@gov.bb.example", mfa=False)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    sign_in(page, user, secret)
    # An upload waiting to be read: its page polls with htmx, the only kind that loads it.
    job = imports.do_upload_import(
        jurisdiction=Jurisdiction.objects.get(code="BB"),
        uploaded_file=values_csv("BB", "2022"),
        acting_user=user,
    )
    for url in [*PAGES, f"/indicators/imports/{job.pk}/"]:
        response = page.goto(url)
        assert response.status < 400, url
        assert "script-src 'self'" in response.headers["content-security-policy"]
    assert refused == []
    # htmx ran with the policy (on the upload's page) and was told not to add its indicator style.
    assert page.evaluate("htmx.config.includeIndicatorStyles") is False
