from io import StringIO

import pytest
from django.core.management import call_command

from jarida.conftest import make_article, make_section, make_tag
from jarida.newsroom import services as newsroom
from jarida.newsroom.models import Article
from jarida.newsroom.signals import articles_imported
from jarida.related import services
from jarida.related.models import (
    ArticleProfile,
    RelatedArticle,
    RelatedChoice,
    TermStat,
)
from jarida.related.selectors import article_related
from jarida.related.tests.conftest import STORIES, story

pytestmark = pytest.mark.django_db


def _ids(article) -> list[int]:
    return [item.article.pk for item in article_related(article=article)]


def _stored(article) -> list[int]:
    return list(RelatedArticle.objects.filter(article=article).values_list("related_id",
                                                                           flat=True))


def test_it_puts_the_story_on_the_same_event_first(news):
    assert _ids(news["drought"])[0] == news["drought_followup"].pk
    assert _ids(news["final_reaction"])[0] == news["final"].pk


def test_it_stores_the_list_in_order_with_decreasing_scores(news):
    scores = list(RelatedArticle.objects.filter(article=news["final"]).values_list("score",
                                                                                   flat=True))
    assert scores and scores == sorted(scores, reverse=True)
    assert all(score > 0 for score in scores)


def test_it_never_lists_the_article_itself(news):
    for article in news.values():
        assert article.pk not in _ids(article)
        assert article.pk not in _stored(article)


def test_it_never_lists_a_draft(news):
    draft = story("drought_followup", section=news["drought"].section, published=False,
                  headline="مسودة عن تقنين مياه الشرب في الواحة بسبب الجفاف")
    services.article_related_compute(article=news["drought"])
    assert draft.pk not in _stored(news["drought"])
    assert not ArticleProfile.objects.filter(article=draft).exists()


def test_it_drops_an_article_from_every_list_once_unpublished(news, editor):
    followup = news["drought_followup"]
    assert followup.pk in _ids(news["drought"])
    newsroom.article_unpublish(article=followup, by=editor)
    assert followup.pk not in _ids(news["drought"])
    assert not ArticleProfile.objects.filter(article=followup).exists()


def test_it_hides_a_scheduled_article_until_its_time(news, editor):
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    article = story("drought_followup", section=news["drought"].section, published=False,
                    headline="الواحة تمدد تقنين مياه الشرب شهرًا آخر بسبب الجفاف")
    at = timezone.now() + timedelta(hours=3)
    newsroom.article_publish(article=article, by=editor, at=at)
    services.article_related_compute(article=news["drought"])
    assert article.pk in _stored(news["drought"])
    assert article.pk not in _ids(news["drought"])
    with time_machine.travel(at + timedelta(minutes=1)):
        assert article.pk in _ids(news["drought"])


def test_it_leaves_out_a_near_duplicate_of_the_article(news):
    copy = story("drought", section=make_section("عاجل"),
                 headline="عاجل: تقنين المياه في الواحة")
    assert copy.pk not in _ids(news["drought"])
    assert news["drought"].pk not in _ids(copy)
    assert news["drought_followup"].pk in _ids(copy)


def test_it_never_lists_two_copies_of_the_same_story(news):
    copy = story("final", section=make_section("عاجل"), headline="النجوم أبطال الكأس")
    listed = _ids(news["final_reaction"])
    assert len({news["final"].pk, copy.pk} & set(listed)) == 1


def test_it_shows_pins_first_in_their_order_and_never_an_exclusion(news):
    drought = news["drought"]
    RelatedChoice.objects.create(article=drought, other=news["books"], kind="pin", position=2)
    RelatedChoice.objects.create(article=drought, other=news["fuel"], kind="pin", position=1)
    RelatedChoice.objects.create(article=drought, other=news["drought_followup"],
                                 kind="exclude")
    items = article_related(article=drought)
    assert [i.article.pk for i in items[:2]] == [news["fuel"].pk, news["books"].pk]
    assert [i.reason for i in items[:2]] == ["pinned", "pinned"]
    assert news["drought_followup"].pk not in [i.article.pk for i in items]
    services.article_related_compute(article=drought)
    assert news["drought_followup"].pk not in _stored(drought)


def test_it_skips_a_pin_that_is_no_longer_published(news, editor):
    RelatedChoice.objects.create(article=news["drought"], other=news["books"], kind="pin")
    newsroom.article_unpublish(article=news["books"], by=editor)
    assert news["books"].pk not in _ids(news["drought"])


def test_it_recomputes_the_list_when_the_article_is_corrected(news, editor):
    fuel = news["fuel"]
    assert _ids(fuel)[0] not in (news["final"].pk, news["final_reaction"].pk)
    headline, body = STORIES["final_reaction"]
    newsroom.article_correct(article=fuel, by=editor, note="نُشر النص الخطأ.",
                             headline="تحليل: كيف خسر الشروق الكأس بركلات الترجيح",
                             body=body)
    assert _ids(fuel)[0] in (news["final"].pk, news["final_reaction"].pk)


def test_it_counts_document_frequencies_incrementally_and_exactly(news, editor):
    def df(term: str) -> int:
        return TermStat.objects.filter(term=term).values_list("df", flat=True).first() or 0

    # "الواحة" (stem واح) is in the two drought stories only.
    assert df("واح") == 2
    newsroom.article_unpublish(article=news["drought_followup"], by=editor)
    assert df("واح") == 1
    call_command("rebuild_related", "--no-progress", stdout=StringIO())
    assert df("واح") == 1


def test_it_puts_a_new_article_under_its_recent_neighbours(news, editor,
                                                           django_capture_on_commit_callbacks):
    headline = "الأمطار تعود إلى الواحة وتنهي تقنين مياه الشرب بعد أشهر من الجفاف"
    body = ("<p>عادت الأمطار إلى الواحة فارتفع منسوب السد الرئيسي، وأعلنت البلدية إنهاء "
            "تقنين مياه الشرب بعد أشهر من الجفاف.</p>")
    article = newsroom.article_create(by=editor, headline=headline, body=body,
                                      section=news["drought"].section)
    with django_capture_on_commit_callbacks(execute=True):
        newsroom.article_publish(article=article, by=editor)
    assert article.pk in _stored(news["drought"])
    assert article.pk in _stored(news["drought_followup"])


def test_it_prefers_the_recent_story_at_equal_similarity(db):
    section = make_section("محليات")
    query = story("drought", section=section, hours_ago=1)
    old = story("drought_followup", section=section, hours_ago=24 * 700)
    new = story("drought_followup", section=section, hours_ago=24 * 3,
                headline=STORIES["drought_followup"][0] + " ")
    services.article_related_compute(article=query)
    assert _stored(query)[:2] == [new.pk, old.pk] or _stored(query)[0] == new.pk
    assert old.pk != _stored(query)[0]


def test_it_counts_shared_tags(db):
    section, tag = make_section("منوعات"), make_tag("الجفاف")
    query = story("drought", section=section, tags=[tag])
    other = story("drought_followup", section=section, tags=[tag])
    services.article_related_compute(article=query)
    with_tag = RelatedArticle.objects.get(article=query, related=other).score
    other.tags.clear()
    services.article_related_compute(article=query)
    assert RelatedArticle.objects.get(article=query, related=other).score < with_tag


def test_it_falls_back_to_the_sections_latest_without_a_stored_list(db):
    section = make_section("منوعات")
    lonely = make_article(section=section, headline="قطة تعبر الشارع", body="<p>قطة.</p>")
    others = [make_article(section=section, headline=f"خبر قصير رقم {n}",
                           body="<p>نص آخر مختلف.</p>") for n in range(3)]
    RelatedArticle.objects.filter(article=lonely).delete()
    items = article_related(article=lonely)
    assert {i.article.pk for i in items} == {a.pk for a in others}
    assert {i.reason for i in items} == {"section"}


def test_it_profiles_and_lists_an_import_batch(news):
    section = news["final"].section
    imported = Article.objects.bulk_create([
        Article(headline=STORIES["final"][0] + " - تحليل", body=STORIES["final_reaction"][1],
                section=section, status="published", published_at=news["final"].published_at,
                external_id="wire-1"),
    ])
    articles_imported.send(sender=Article, articles=imported)
    assert ArticleProfile.objects.filter(article=imported[0]).exists()
    assert _stored(imported[0])[0] in (news["final"].pk, news["final_reaction"].pk)


def test_it_leaves_a_large_import_batch_to_rebuild_related(news, settings):
    settings.JARIDA_RELATED = {"IMPORT_SYNC_MAX": 0}
    imported = Article.objects.bulk_create([
        Article(headline=STORIES["fuel"][0] + " مجددًا", body=STORIES["fuel"][1],
                section=news["fuel"].section, status="published",
                published_at=news["fuel"].published_at, external_id="wire-2"),
    ])
    articles_imported.send(sender=Article, articles=imported)
    assert ArticleProfile.objects.filter(article=imported[0]).exists()
    assert _stored(imported[0]) == []
    out = StringIO()
    call_command("rebuild_related", "--missing", "--no-progress", stdout=out)
    assert "1 related lists" in out.getvalue()
    assert _stored(imported[0])


def test_it_rebuilds_every_list_from_scratch(news):
    RelatedArticle.objects.all().delete()
    out = StringIO()
    call_command("rebuild_related", "--no-progress", stdout=out)
    assert "6 related lists over 6 articles" in out.getvalue()
    assert _stored(news["drought"])[0] == news["drought_followup"].pk
    assert _stored(news["final"])[0] == news["final_reaction"].pk


def test_it_rebuilds_the_newest_articles_lists_first(news, monkeypatch):
    from jarida.related import services as related_services

    RelatedArticle.objects.all().delete()
    order, compute = [], related_services.article_related_compute

    def recording(*, article, **kwargs):
        order.append(article.published_at)
        return compute(article=article, **kwargs)

    monkeypatch.setattr(related_services, "article_related_compute", recording)
    call_command("rebuild_related", "--missing", "--no-progress", stdout=StringIO())
    assert len(order) == 6 and order == sorted(order, reverse=True)


def test_it_keeps_publishing_when_the_related_update_fails(db, editor, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "article_related_compute", broken)
    article = story("books", published=False)
    newsroom.article_publish(article=article, by=editor)
    article.refresh_from_db()
    assert article.state == "published"
    assert not ArticleProfile.objects.filter(article=article).exists()  # rolled back


def test_it_survives_hostile_text(db):
    body = "<p>" + ("ا" * 5000) + " <script>alert(1)</script> \u202e" + " كلمة" * 20000 + "</p>"
    article = story("books", body=body, headline="\u200f" * 10 + "عنوان")
    assert ArticleProfile.objects.filter(article=article).exists()
    assert not TermStat.objects.filter(term__startswith="ااااا").exists()
