import pytest

from jarida.syndication.tests.factories import frozen_at, newsroom_for_module, newsroom_reload


@pytest.fixture(scope="module")
def newsroom(django_db_setup, django_db_blocker):
    with newsroom_for_module(django_db_blocker) as built:
        yield built


@pytest.fixture
def frozen():
    with frozen_at() as traveller:
        yield traveller


@pytest.fixture
def news(newsroom, db, frozen, settings):
    """The shared newsroom, with time frozen at NOW and the public site at SITE_URL."""
    settings.SITE_URL = "https://jarida.example"
    return newsroom_reload(newsroom)
