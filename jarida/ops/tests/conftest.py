"""Fixtures for the ops tests: an administrator persona and a throwaway media folder."""

import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser(username="admin", password="pass-admin",
                                                     email="admin@jarida.test")


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT
