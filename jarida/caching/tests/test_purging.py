"""Every change readers can see purges exactly the pages that show it."""

from datetime import timedelta

import pytest
import time_machine
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from jarida.caching.store import Entry, page_store
from jarida.caching.tests.conftest import state
from jarida.comments.services import comment_add, comments_moderate
from jarida.conftest import make_article, make_author, make_section, make_tag
from jarida.newsroom import services
from jarida.newsroom.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    """Two sections (one with a subsection), an author and a tag, and pages of each;
    committed (their own purges done) before the test starts."""
    with django_capture_on_commit_callbacks(execute=True):
        return _world()


def _world() -> dict:
    economy = make_section("اقتصاد", slug="اقتصاد")
    energy = make_section("طاقة", slug="طاقة", parent=economy)
    sport = make_section("رياضة", slug="رياضة")
    author = make_author("منى الشامي")
    tag = make_tag("النفط")
    old = make_article(section=energy, headline="أسعار الوقود تستقر للشهر الثالث",
                       authors=[author], tags=[tag], hours_ago=5)
    match = make_article(section=sport, headline="الفريق الأول يستعد لمباراة الكأس",
                         hours_ago=4)
    return {"economy": economy, "energy": energy, "sport": sport, "author": author,
            "tag": tag, "old": old, "match": match}


def pages(world) -> dict[str, str]:
    return {
        "home": "/",
        "economy": world["economy"].get_absolute_url(),
        "energy": world["energy"].get_absolute_url(),
        "author": world["author"].get_absolute_url(),
        "tag": world["tag"].get_absolute_url(),
        "rss": reverse("syndication:rss"),
        "energy_rss": reverse("syndication:section_rss", kwargs={"slug": "طاقة"}),
        "sport": world["sport"].get_absolute_url(),
        "match": world["match"].get_absolute_url(),
    }


def warm(client, urls) -> None:
    for url in urls:
        client.get(url)
        assert state(client.get(url)) == "hit", url


def missed(client, urls: dict[str, str]) -> set[str]:
    return {name for name, url in urls.items() if state(client.get(url)) == "miss"}


def test_publishing_purges_home_section_parent_author_tag_and_feeds_only(
        client, world, django_capture_on_commit_callbacks):
    urls = pages(world)
    warm(client, urls.values())
    draft = make_article(section=world["energy"], headline="اكتشاف حقل غاز جديد قبالة الساحل",
                         authors=[world["author"]], tags=[world["tag"]], published=False)
    assert missed(client, urls) == set()  # a draft changes nothing readers see
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=draft, by=None)
    assert missed(client, urls) == {"home", "economy", "energy", "author", "tag", "rss",
                                    "energy_rss"}
    assert "اكتشاف حقل غاز جديد" in client.get("/").content.decode()


def test_nothing_is_purged_before_the_change_commits(client, world,
                                                      django_capture_on_commit_callbacks):
    warm(client, ["/"])
    draft = make_article(section=world["sport"], headline="خبر لم يكتمل نشره", published=False)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.article_publish(article=draft, by=None)
    assert callbacks and state(client.get("/")) == "hit"


def test_a_rolled_back_change_purges_nothing(client, world, django_capture_on_commit_callbacks):
    warm(client, ["/"])
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            services.article_update(article=world["old"], by=None, headline="عنوان تراجعنا عنه")
            raise RuntimeError("the editor's save failed")
    assert state(client.get("/")) == "hit"


def test_editing_purges_the_pages_that_show_the_article_including_its_old_section(
        client, world, django_capture_on_commit_callbacks):
    urls = pages(world)
    warm(client, urls.values())
    article_url = world["old"].get_absolute_url()
    warm(client, [article_url])
    with django_capture_on_commit_callbacks(execute=True):
        services.article_update(article=world["old"], by=None, section=world["sport"],
                                headline="أسعار الوقود تستقر مجددًا")
    # Its new section, and every page that showed it: old section and parent, author, tag.
    assert {"sport", "energy", "economy", "author", "tag", "home"} <= missed(client, urls)
    assert "أسعار الوقود تستقر مجددًا" in client.get(world["sport"].get_absolute_url()).content.decode()
    assert client.get(article_url).status_code == 301  # moved to the sport section's URL


def test_another_articles_page_is_purged_when_its_related_list_showed_the_article(
        client, world, django_capture_on_commit_callbacks):
    neighbour = make_article(section=world["energy"], headline="محطة شمسية في الجنوب",
                             hours_ago=6)
    url = neighbour.get_absolute_url()
    warm(client, [url])
    shows_old = "أسعار الوقود تستقر" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.article_unpublish(article=world["old"], by=None)
    assert (state(client.get(url)) == "miss") is shows_old


def test_correcting_shows_the_correction_at_once(client, world,
                                                 django_capture_on_commit_callbacks):
    url = world["old"].get_absolute_url()
    warm(client, [url])
    with django_capture_on_commit_callbacks(execute=True):
        services.article_correct(article=world["old"], by=None,
                                 note="صُحّح سعر البرميل الوارد في الفقرة الثانية.")
    response = client.get(url)
    assert state(response) == "miss"
    assert "صُحّح سعر البرميل" in response.content.decode()


def test_unpublishing_answers_410_and_leaves_every_list(client, world,
                                                        django_capture_on_commit_callbacks):
    urls = pages(world)
    url = world["old"].get_absolute_url()
    warm(client, [url, *urls.values()])
    with django_capture_on_commit_callbacks(execute=True):
        services.article_unpublish(article=world["old"], by=None)
    assert client.get(url).status_code == 410
    for name in ("home", "energy", "author", "tag", "rss"):
        assert "أسعار الوقود تستقر" not in client.get(urls[name]).content.decode(), name
    assert state(client.get(urls["match"])) == "hit"


def test_deleting_purges_the_pages_that_showed_it(client, world, editor,
                                                   django_capture_on_commit_callbacks):
    url = world["tag"].get_absolute_url()
    warm(client, [url])
    with django_capture_on_commit_callbacks(execute=True):
        services.article_delete(article=world["old"], by=editor)
    assert "أسعار الوقود تستقر" not in client.get(url).content.decode()


def test_approving_a_comment_purges_the_article_page_and_its_comment_block_only(
        client, world, moderator, django_capture_on_commit_callbacks):
    article = world["match"]
    block = reverse("comments:block", kwargs={"article_id": article.pk})
    warm(client, [article.get_absolute_url(), block, "/"])
    comment = comment_add(article=article, name="قارئ من المدرجات", email="fan@example.com",
                          body="أتمنى أن يشارك الحارس الاحتياطي في المباراة.", status="pending")
    with django_capture_on_commit_callbacks(execute=True):
        comments_moderate(comments=[comment], action="approve", by=moderator)
    page = client.get(article.get_absolute_url())
    assert state(page) == "miss" and "الحارس الاحتياطي" in page.content.decode()
    assert state(client.get(block)) == "miss"
    assert state(client.get("/")) == "hit"


def test_approving_a_comment_purges_the_further_pages_of_the_conversation(
        client, world, moderator, settings, django_capture_on_commit_callbacks):
    settings.JARIDA_COMMENTS = {**settings.JARIDA_COMMENTS, "THREADS_PER_PAGE": 1}
    article = world["match"]
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(2):
            comment_add(article=article, name="قارئ", email=f"r{i}@example.com",
                        body=f"رأي سابق رقم {i}", status="approved")
    second = reverse("comments:page", kwargs={"article_id": article.pk, "number": 2})
    warm(client, [second])
    comment = comment_add(article=article, name="قارئة", email="late@example.com",
                          body="وصلت متأخرة لكن المباراة تستحق.", status="pending",
                          parent=article.comments.order_by("created_at", "id").last())
    with django_capture_on_commit_callbacks(execute=True):
        comments_moderate(comments=[comment], action="approve", by=moderator)
    page = client.get(second)
    assert state(page) == "miss" and "المباراة تستحق" in page.content.decode()


def test_a_bulk_import_purges_every_page(client, world, django_capture_on_commit_callbacks):
    from jarida.caching.receivers import IMPORT_PURGE_ALL_ABOVE
    from jarida.newsroom.signals import articles_imported

    warm(client, ["/", world["match"].get_absolute_url()])
    with django_capture_on_commit_callbacks(execute=True):
        articles_imported.send(sender=Article,
                               articles=[world["old"]] * (IMPORT_PURGE_ALL_ABOVE + 1))
    assert state(client.get(world["match"].get_absolute_url())) == "miss"


def test_a_small_import_purges_its_articles_pages(client, world,
                                                  django_capture_on_commit_callbacks):
    from jarida.newsroom.signals import articles_imported

    urls = pages(world)
    warm(client, urls.values())
    with django_capture_on_commit_callbacks(execute=True):
        articles_imported.send(sender=Article, articles=[world["match"]])
    assert missed(client, urls) == {"home", "sport", "match", "rss"}


def test_renaming_a_section_purges_every_page_but_creating_one_purges_none(
        client, world, django_capture_on_commit_callbacks):
    url = world["match"].get_absolute_url()
    warm(client, [url])
    with django_capture_on_commit_callbacks(execute=True):
        make_section("ثقافة")
    assert state(client.get(url)) == "hit"
    world["sport"].name = "الرياضة والشباب"
    with django_capture_on_commit_callbacks(execute=True):
        world["sport"].save()
    response = client.get(url)
    assert state(response) == "miss" and "الرياضة والشباب" in response.content.decode()


def test_a_scheduled_article_appears_when_its_time_comes(client, world,
                                                          django_capture_on_commit_callbacks):
    draft = make_article(section=world["sport"], headline="انطلاق بطولة السباحة الإقليمية",
                         published=False)
    at = timezone.now() + timedelta(minutes=30)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=draft, by=None, at=at)
    home = client.get("/")
    assert "انطلاق بطولة السباحة" not in home.content.decode()
    s_maxage = int(home["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert s_maxage <= 30 * 60 + 1  # shared caches don't keep the home page past it
    assert state(client.get("/")) == "hit"
    with time_machine.travel(at + timedelta(seconds=5)):
        response = client.get("/")
    assert "انطلاق بطولة السباحة" in response.content.decode()


def test_a_page_rendered_while_a_purge_happened_is_not_stored(world):
    from jarida.caching.store import page_lookup, tags_purge

    started = timezone.now().timestamp() * 1e9
    tags_purge({"latest"})  # the purge lands while the page is being rendered
    entry = Entry(status=200, headers=[], content=b"old", etag=None, last_modified=0,
                  expires_at=timezone.now().timestamp() + 60)
    assert not page_store("k", entry, tags={"latest"}, started_ns=int(started), seconds=60)
    assert page_lookup("k") == (None, None)
