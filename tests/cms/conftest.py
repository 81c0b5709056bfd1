import io

import pytest
from django.core.management import call_command

from cms.models import GuidancePage, HomePage


@pytest.fixture
def home(db):
    """The HomePage the cms migration puts at the root of the default site."""
    return HomePage.objects.get()


@pytest.fixture
def initial_content(db):
    call_command("load_initial_content", verbosity=0, stdout=io.StringIO())


@pytest.fixture
def guidance_page(initial_content):
    return GuidancePage.objects.get(slug="e-purchasing-langkah-demi-langkah")
