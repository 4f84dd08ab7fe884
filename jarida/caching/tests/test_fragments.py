"""The blocks around an article (related list, comments, navigation) are cached on their
own, under the same purges as pages, and never stale for editors."""

from urllib.parse import unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jarida.caching.store import tags_purge
from jarida.caching.tests.conftest import state
from jarida.comments.services import comment_add, comments_moderate
from jarida.conftest import make_article, make_section
from jarida.newsroom import services
from jarida.related.models import RelatedArticle

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(django_capture_on_commit_callbacks):
    """An article whose related list shows one other article; committed."""
    with django_capture_on_commit_callbacks(execute=True):
        energy = make_section("طاقة", slug="طاقة")
        # In another section: the related list's fallback (the section's latest) never
        # shows it.
        listed = make_article(section=make_section("بيئة", slug="بيئة"),
                              headline="محطة رياح جديدة على الساحل",
                              hours_ago=3)
        article = make_article(section=energy, headline="الحكومة تعلن خطة للطاقة النظيفة",
                               hours_ago=1)
        RelatedArticle.objects.filter(article=article).delete()
        RelatedArticle.objects.create(article=article, related=listed, position=0, score=0.9)
    return {"article": article, "listed": listed, "url": article.get_absolute_url()}


def test_a_page_the_page_cache_misses_takes_its_blocks_from_the_fragment_cache(
        client, story, settings):
    settings.JARIDA_PAGE_CACHE = False
    first = client.get(story["url"])
    with CaptureQueriesContext(connection) as queries:
        second = client.get(story["url"])
    assert second.content == first.content
    assert "محطة رياح جديدة" in second.content.decode()
    sql = " ".join(q["sql"] for q in queries)
    # The article itself is read again; its blocks are not.
    assert "newsroom_article" in sql
    for table in ("related_relatedarticle", "comments_comment", "newsroom_section\" WHERE"):
        assert table not in sql, table


def test_a_page_built_from_a_stored_fragment_is_still_purged_by_what_the_fragment_shows(
        client, story, django_capture_on_commit_callbacks):
    url = story["url"]
    assert state(client.get(url)) == "miss"  # page and related fragment stored
    tags_purge({f"path:{unquote(url)}"})  # only the page: it is rebuilt from the stored fragment
    rebuilt = client.get(url)
    assert state(rebuilt) == "miss" and "محطة رياح جديدة" in rebuilt.content.decode()
    assert state(client.get(url)) == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        services.article_unpublish(article=story["listed"], by=None)
    after = client.get(url)
    assert state(after) == "miss"
    assert "محطة رياح جديدة" not in after.content.decode()


def test_an_approved_comment_reaches_the_comment_fragment(client, story, moderator, settings,
                                                         django_capture_on_commit_callbacks):
    settings.JARIDA_PAGE_CACHE = False  # the fragment alone
    url = story["url"]
    client.get(url)
    comment = comment_add(article=story["article"], name="قارئ مهتم", email="r@example.com",
                          body="أتمنى أن تشمل الخطة القرى البعيدة.", status="pending")
    with django_capture_on_commit_callbacks(execute=True):
        comments_moderate(comments=[comment], action="approve", by=moderator)
    assert "القرى البعيدة" in client.get(url).content.decode()


def test_editors_get_blocks_rendered_anew(client, story, editor):
    client.get(story["url"])  # a reader stores the fragments
    # A change that sent no purge (as if a purge were lost): readers keep the stored block
    # until it expires; an editor sees the database.
    RelatedArticle.objects.filter(article=story["article"]).delete()
    client.force_login(editor)
    page = client.get(story["url"])
    assert state(page) == "bypass"
    assert "محطة رياح جديدة" not in page.content.decode()
    client.logout()
    assert "محطة رياح جديدة" in client.get(story["url"]).content.decode()
