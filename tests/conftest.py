"""For every test."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def site_language():
    """Each test starts in the site's language: Django's test client leaves the language of a
    test's last request active in the thread, so a test after an English page read English."""
    translation.deactivate()
    yield
