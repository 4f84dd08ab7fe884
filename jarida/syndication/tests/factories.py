"""A small newsroom for syndication and API tests: every state an article can be in, so
each test can check that only public articles reach feeds, sitemaps and the API."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from django.db import transaction

from jarida.conftest import make_article, make_author, make_section, make_tag
from jarida.newsroom import services

# A Wednesday morning; 12:00 in Riyadh (the site's time zone).
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def newsroom_build() -> SimpleNamespace:
    """Call with time frozen at NOW."""
    politics = make_section("سياسة", slug="سياسة", description="أخبار الحكومة والبرلمان.")
    parliament = make_section("البرلمان", slug="البرلمان", parent=politics)
    economy = make_section("اقتصاد", slug="اقتصاد")
    layla = make_author("ليلى الحسيني")
    sami = make_author("سامي العتيبي")
    water = make_tag("المياه")
    budget = make_tag("الموازنة")

    lead = make_article(
        section=economy, headline="افتتاح محطة تحلية المياه في الساحل", hours_ago=1,
        authors=[layla, sami], tags=[water, budget], source_credit="وكالة الأنباء العربية",
    )
    services.article_update(article=lead, by=None, hero_image="articles/2026/11/محطة.jpg",
                            hero_caption="خزانات المحطة الجديدة على الساحل")
    vote = make_article(
        section=parliament, headline="البرلمان يقر قانون الموازنة بعد جلسة طويلة",
        hours_ago=3, authors=[sami], tags=[budget],
        standfirst="صوّت أغلب النواب لصالح المشروع بعد إدخال تعديلات اللجنة المالية.",
    )
    archive = make_article(
        section=politics, headline="وزير الخارجية يستقبل نظيره في العاصمة", hours_ago=24 * 30,
        byline="القاهرة - مراسل جريدة",
    )
    corrected = make_article(
        section=economy, headline="ارتفاع صادرات التمور في الربع الثالث", hours_ago=5,
        authors=[layla],
    )
    services.article_correct(article=corrected, by=None,
                             note="ذكرت نسخة سابقة أن الارتفاع بلغ ثلاثين بالمئة، والصحيح عشرون.")
    draft = make_article(section=economy, headline="مسودة عن أسعار الوقود", published=False,
                         authors=[layla], tags=[water])
    scheduled = make_article(section=economy, headline="خبر مجدول عن افتتاح الميناء",
                             published=False, authors=[layla], tags=[water])
    services.article_publish(article=scheduled, by=None, at=NOW + timedelta(hours=2))
    withdrawn = make_article(section=economy, headline="خبر سُحب بعد نشره", hours_ago=2,
                             authors=[layla], tags=[water])
    services.article_unpublish(article=withdrawn, by=None)
    return SimpleNamespace(
        politics=politics, parliament=parliament, economy=economy, layla=layla, sami=sami,
        water=water, budget=budget, lead=lead, vote=vote, archive=archive,
        corrected=corrected, draft=draft, scheduled=scheduled, withdrawn=withdrawn,
        public=[lead, vote, corrected, archive],  # newest first
        hidden=[draft, scheduled, withdrawn],
    )


def frozen_at(now: datetime = NOW):
    import time_machine

    return time_machine.travel(now, tick=False)


def newsroom_reload(built: SimpleNamespace) -> SimpleNamespace:
    """Fresh instances of the same rows, so one test's in-memory changes (or cached
    properties) never leak into the next."""

    def fresh(value):
        if isinstance(value, list):
            return [fresh(v) for v in value]
        return type(value).objects.get(pk=value.pk)

    return SimpleNamespace(**{name: fresh(value) for name, value in vars(built).items()})


@contextmanager
def newsroom_for_module(django_db_blocker):
    """Build the newsroom once for a test module, in a transaction rolled back at its end
    (as Django's setUpTestData does); each test runs in a savepoint inside it. Publishing
    runs every app's reactions (search index, related articles, page cache), which makes
    building it about a second: once per module keeps the suite fast."""
    with django_db_blocker.unblock(), frozen_at(), transaction.atomic():
        yield newsroom_build()
        transaction.set_rollback(True)


__all__ = ["NOW", "frozen_at", "newsroom_build", "newsroom_for_module", "newsroom_reload"]
