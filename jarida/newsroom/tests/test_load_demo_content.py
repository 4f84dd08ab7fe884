from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from jarida.newsroom.demo import content
from jarida.newsroom.models import Article, Author, Section, Tag

pytestmark = pytest.mark.django_db


def _load() -> str:
    out = StringIO()
    call_command("load_demo_content", "--no-images", stdout=out)
    return out.getvalue()


def test_it_loads_the_demo_newsroom_with_every_workflow_state():
    output = _load()
    assert Article.objects.count() == len(content.ARTICLES) >= 30
    states = [a.state for a in Article.objects.all()]
    for state in ("published", "scheduled", "corrected", "draft", "review"):
        assert state in states
    assert Article.objects.published().filter(is_breaking=True).exists()
    assert "editor-jarida-demo" in output and "moderator" in output


def test_it_creates_nothing_twice_when_run_again():
    _load()
    counts = [m.objects.count() for m in (Article, Author, Section, Tag, get_user_model())]
    output = _load()
    assert [m.objects.count() for m in (Article, Author, Section, Tag, get_user_model())] == counts
    assert "0 articles created" in output


def test_it_gives_the_demo_accounts_their_roles():
    _load()
    editor = get_user_model().objects.get(username="editor")
    writer = get_user_model().objects.get(username="writer")
    assert editor.has_perm("newsroom.publish_article")
    assert not writer.has_perm("newsroom.publish_article")
    assert writer.check_password("writer-jarida-demo")
