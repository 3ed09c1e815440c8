import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _back_to_the_default_language():
    """A request served in French leaves French active in the thread; later tests expect English."""
    yield
    translation.deactivate()
