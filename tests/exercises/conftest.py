import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_to_start_and_end_with():
    """A request leaves its page's language active in the test's thread (as a new request
    would set it again): each test starts in English, so the content it makes (and the demo
    content) is English as on the site, and leaves English for the tests after it."""
    translation.activate("en")
    yield
    translation.activate("en")
