"""A short schemathesis fuzz of every operation, as anonymous, an NCPOC and the Secretariat.

`scripts/fuzz-api` runs the long one (ICTSPACE_FUZZ_EXAMPLES per operation and caller).
"""

import os

import pytest

from ictspace.accounts.models import Role
from ictspace.conftest import make_user
from ictspace.tokens.actions import do_create_token

EXAMPLES = int(os.environ.get("ICTSPACE_FUZZ_EXAMPLES", "3"))


@pytest.fixture
def callers(loaded_libraries):
    out = {"anonymous": {}}
    for role in (Role.NCPOC, Role.SECRETARIAT, Role.RCC_CHAIR):
        user = make_user(role, email=f"fuzz-{role}@test.example", mfa=False)
        _token, secret = do_create_token(name="fuzz", scope="write", acting_user=user)
        out[role] = {"Authorization": f"Bearer {secret}"}
    return out


def test_generated_calls_get_no_server_error_and_match_the_schema(
    live_server, transactional_db, callers, settings
):
    from ictspace.api.tests.fuzzing import Tally, fuzz

    rest = dict(settings.REST_FRAMEWORK)
    settings.REST_FRAMEWORK = {**rest, "DEFAULT_THROTTLE_CLASSES": []}  # the fuzz is the load
    tally = fuzz(live_server.url, callers, per_operation=EXAMPLES, tally=Tally())
    print("\n" + tally.report())
    assert tally.total_calls >= 100
    assert tally.total_failures == 0, tally.report()
