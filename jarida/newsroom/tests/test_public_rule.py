"""One rule of what readers may see: `published()` over many rows and `is_public()` on one
article in hand (the article page uses the latter) agree for every editorial state."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from jarida.conftest import make_article
from jarida.newsroom import selectors, services
from jarida.newsroom.models import Article

pytestmark = pytest.mark.django_db


def test_published_and_is_public_agree_for_every_state(editor):
    now = timezone.now()
    draft = make_article(published=False, headline="مسودة لم تكتمل")
    review = make_article(published=False, headline="خبر قيد المراجعة")
    services.article_submit_for_review(article=review, by=None)
    scheduled = make_article(published=False, headline="خبر مجدول للغد")
    services.article_publish(article=scheduled, by=None, at=now + timedelta(days=1))
    live = make_article(headline="خبر منشور")
    corrected = make_article(headline="خبر صُحّح")
    services.article_correct(article=corrected, by=None, note="صُحّح اسم المدينة.")
    gone = make_article(headline="خبر أُلغي نشره")
    services.article_unpublish(article=gone, by=editor)

    public = set(Article.objects.published().values_list("pk", flat=True))
    assert public == {live.pk, corrected.pk}
    for article in Article.objects.all():
        assert article.is_public() is (article.pk in public), article.state
        found = selectors.article_get_public(pk=article.pk)
        assert (found is not None) is (article.pk in public), article.state
    assert {draft.pk, review.pk, scheduled.pk, gone.pk}.isdisjoint(public)

    with time_machine.travel(now + timedelta(days=1, minutes=1)):  # the schedule's time comes
        assert scheduled.pk in set(Article.objects.published().values_list("pk", flat=True))
        assert Article.objects.get(pk=scheduled.pk).is_public()
        assert selectors.article_get_public(pk=scheduled.pk) == scheduled


def test_an_article_that_does_not_exist_is_not_public():
    assert selectors.article_get_public(pk=987654) is None


def test_byline_and_tags_come_in_one_query_as_the_orm_orders_them(
        django_assert_num_queries):
    from jarida.conftest import make_author, make_tag

    zeina, adel, basma = (make_author(n) for n in ("زينة حداد", "عادل نصر", "بسمة علي"))
    tags = [make_tag(n) for n in ("مياه", "أمطار", "زراعة")]
    article = make_article(authors=[zeina, adel, basma], tags=tags)
    services.article_set_authors(article=article, authors=[basma, zeina, adel])  # reordered
    other = make_article(headline="خبر آخر", authors=[adel], tags=tags[:1])

    with django_assert_num_queries(1):
        authors, tag_list = selectors.article_byline_and_tags(article_id=article.pk)
    assert authors == [basma, zeina, adel]
    assert [a.slug for a in authors] == [basma.slug, zeina.slug, adel.slug]
    assert tag_list == list(article.tags.order_by("name"))
    assert [t.name for t in tag_list] == [t.name for t in article.tags.order_by("name")]

    fresh = selectors.article_get_public(pk=article.pk)
    with django_assert_num_queries(1):
        assert fresh.ordered_authors == [basma, zeina, adel] and fresh.tag_list == tag_list
    assert selectors.article_byline_and_tags(article_id=other.pk) == ([adel], tags[:1])
    bare = make_article(headline="خبر بلا كتّاب ولا وسوم")
    assert selectors.article_byline_and_tags(article_id=bare.pk) == ([], [])


def test_reader_urls_are_remembered_but_follow_every_change():
    from urllib.parse import quote

    from django.urls import reverse, set_script_prefix

    article = make_article(headline="مهرجان التمور في الواحة")
    first = article.get_absolute_url()
    assert first == reverse("site:article", kwargs={
        "section_slug": article.section.slug, "pk": article.pk, "slug": article.slug})
    services.article_update(article=article, by=None, slug="مهرجان-التمور")
    article.refresh_from_db()
    assert article.get_absolute_url() != first
    assert article.get_absolute_url().endswith(f"/{article.pk}/{quote('مهرجان-التمور')}/")
    try:
        set_script_prefix("/jarida/")  # served under a sub-path
        assert article.get_absolute_url().startswith("/jarida/")
        assert article.section.get_absolute_url().startswith("/jarida/")
    finally:
        set_script_prefix("/")
    assert not article.get_absolute_url().startswith("/jarida/")
