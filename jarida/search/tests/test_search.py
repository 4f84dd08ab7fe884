"""What a reader gets from a search: the right articles, in a sensible order, with the
words they looked for marked in the text as written."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from jarida.conftest import make_article, make_author, make_section
from jarida.newsroom import services
from jarida.search.selectors import search_articles
from jarida.search.tests.helpers import found

pytestmark = pytest.mark.django_db

FILLER = [  # unrelated articles, so that query words are rare enough to carry weight
    ("مباراة ودية بين فريقين من الدرجة الأولى", "<p>انتهت المباراة بالتعادل السلبي.</p>"),
    ("افتتاح معرض للكتاب في المدينة القديمة", "<p>يشارك في المعرض ناشرون من عدة دول.</p>"),
    ("أمطار غزيرة على المناطق الساحلية", "<p>توقعت الأرصاد استمرار الأمطار يومين.</p>"),
    ("افتتاح طريق سريع يربط العاصمة بالمطار", "<p>يختصر الطريق زمن الرحلة نصف ساعة.</p>"),
    ("مهرجان للمسرح يختتم دورته العاشرة", "<p>فازت فرقة شابة بجائزة أفضل عرض.</p>"),
    ("ارتفاع أسعار الخضار في الأسواق", "<p>عزا التجار الارتفاع إلى موجة البرد.</p>"),
]


@pytest.fixture
def section():
    section = make_section("اقتصاد")
    for headline, body in FILLER:
        make_article(section=section, headline=headline, body=body, hours_ago=200)
    return section


def test_a_headline_match_ranks_above_a_body_match(section):
    in_body = make_article(section=section, headline="تقرير عن الأسواق المالية",
                           body="<p>تحدث التقرير عن التضخم وأسعار الفائدة.</p>", hours_ago=1)
    in_headline = make_article(section=section, headline="التضخم يتراجع للشهر الثالث",
                               body="<p>أظهرت الأرقام تحسنا في الأسعار.</p>", hours_ago=30)
    assert found("التضخم") == [in_headline.pk, in_body.pk]


def test_the_exact_form_typed_ranks_above_other_forms_of_the_word(section):
    other_form = make_article(section=section, headline="الحكومات العربية تناقش المياه",
                              body="<p>اجتماع في القاهرة.</p>", hours_ago=1)
    exact_form = make_article(section=section, headline="الحكومة العربية تناقش المياه",
                              body="<p>اجتماع في عمّان.</p>", hours_ago=2)
    assert found("الحكومة") == [exact_form.pk, other_form.pk]


def test_between_equally_relevant_articles_the_newer_comes_first(section):
    older = make_article(section=section, headline="إضراب عمال الموانئ", hours_ago=72)
    newer = make_article(section=section, headline="إضراب عمال الموانئ", hours_ago=3)
    assert found("إضراب الموانئ") == [newer.pk, older.pk]


def test_recency_is_mild_and_never_buries_a_much_better_match(section):
    better = make_article(section=section, headline="الزلزال يضرب الساحل والزلزال يدمر القرى",
                          body="<p>قوة الزلزال بلغت ست درجات.</p>", hours_ago=24 * 60)
    newer = make_article(section=section, headline="تقرير أسبوعي عن الطقس",
                         body="<p>ذكر التقرير الزلزال مرة واحدة.</p>", hours_ago=1)
    assert found("الزلزال") == [better.pk, newer.pk]


def test_all_words_first_then_most_words_ranked_by_how_many(section):
    two = make_article(section=section, headline="قمة المناخ في القاهرة")
    one = make_article(section=section, headline="قمة اقتصادية في الرياض")
    results = search_articles(text="قمة المناخ القاهرة")
    assert results.mode == "all" and [h.article.pk for h in results.hits] == [two.pk]
    results = search_articles(text="قمة المناخ الخرطوم")
    assert results.mode == "any"
    assert [h.article.pk for h in results.hits] == [two.pk, one.pk]


def test_a_phrase_must_appear_in_order(section):
    together = make_article(section=section, headline="البنك المركزي يرفع الفائدة")
    apart = make_article(section=section, headline="البنك يفتتح فرعه المركزي الجديد")
    assert found('"البنك المركزي"') == [together.pk]
    assert set(found("البنك المركزي")) == {together.pk, apart.pk}


def test_an_excluded_word_removes_articles_with_any_form_of_it(section):
    kept = make_article(section=section, headline="صادرات النفط ترتفع")
    make_article(section=section, headline="صادرات النفط الليبية والليبيون")
    make_article(section=section, headline="صادرات النفط وليبيا")
    assert found("النفط -ليبيا -الليبية") == [kept.pk]


def test_filters_by_section_and_its_subsections_author_and_dates(section):
    sport = make_section("رياضة")
    football = make_section("كرة القدم", parent=sport)
    author = make_author("سامر الخطيب")
    in_sport = make_article(section=sport, headline="نهائي الكأس الليلة", hours_ago=50)
    in_football = make_article(section=football, headline="الكأس تعود إلى النادي",
                               authors=[author], hours_ago=2)
    make_article(section=section, headline="الكأس الذهبية في مزاد", hours_ago=1)
    assert set(found("الكأس", section=sport)) == {in_sport.pk, in_football.pk}
    assert found("الكأس", author=author) == [in_football.pk]
    now = timezone.now()
    assert found("الكأس", since=now - timedelta(hours=60), until=now - timedelta(hours=10)) \
        == [in_sport.pk]


def test_pages_do_not_overlap_and_keep_the_total(section):
    articles = {make_article(section=section, headline=f"تقرير رقم {n} عن الصادرات",
                             hours_ago=n + 1).pk for n in range(7)}
    first = search_articles(text="الصادرات", limit=3, offset=0)
    second = search_articles(text="الصادرات", limit=3, offset=3)
    last = search_articles(text="الصادرات", limit=3, offset=6)
    beyond = search_articles(text="الصادرات", limit=3, offset=30)
    pages = [[h.article.pk for h in r.hits] for r in (first, second, last)]
    assert [len(p) for p in pages] == [3, 3, 1]
    assert set(sum(pages, [])) == articles
    assert {r.total for r in (first, second, last, beyond)} == {7}
    assert beyond.hits == []


def test_only_published_articles_are_ever_returned(section, editor):
    article = make_article(section=section, headline="اتفاق تجاري جديد")
    make_article(section=section, headline="اتفاق تجاري في المسودة", published=False)
    services.article_unpublish(article=article, by=editor)
    assert search_articles(text="اتفاق").total == 0


def test_matched_words_are_marked_in_the_original_text_with_diacritics(section):
    make_article(section=section, headline="أمريكا تُعلِن خطة جديدة",
                 body="<p>قالت الحكومة الأَمْرِيكِيَّة إن خطتها تشمل <b>الولايات</b> كلها.</p>")
    hit = search_articles(text="امريكيه").hits[0]
    assert "<mark>الأَمْرِيكِيَّة</mark>" in hit.snippet
    hit = search_articles(text="أمريكا").hits[0]
    assert str(hit.headline) == "<mark>أمريكا</mark> تُعلِن خطة جديدة"


def test_text_around_the_marks_is_escaped(section):
    make_article(section=section, headline='هجوم <script>alert("x")</script> على الموقع',
                 standfirst="والهجوم <img src=x onerror=alert(1)> متواصل")
    hit = search_articles(text="هجوم").hits[0]
    assert "<script>" not in hit.headline and "&lt;script&gt;" in hit.headline
    assert "<img" not in hit.snippet and "&lt;img" in hit.snippet
    assert "<mark>هجوم</mark>" in hit.headline and "<mark>والهجوم</mark>" in hit.snippet


def test_the_snippet_shows_the_passage_with_the_matches(section):
    body = "<p>" + "كلام عام عن الطقس والرياضة. " * 40 + \
        "وفي ختام الجلسة أقر البرلمان الموازنة الجديدة بأغلبية كبيرة. " + \
        "كلام عام آخر. " * 40 + "</p>"
    make_article(section=section, headline="جلسة طويلة", body=body)
    snippet = search_articles(text="البرلمان الموازنة").hits[0].snippet
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert "<mark>البرلمان</mark> <mark>الموازنة</mark>" in snippet
    assert len(snippet) < 400


def test_bidi_controls_in_articles_do_not_reach_snippets(section):
    make_article(section=section, headline="تقرير \u202eمقلوب\u202c عن السياحة")
    hit = search_articles(text="السياحة").hits[0]
    assert "\u202e" not in hit.headline and "\u202c" not in hit.headline


def test_zero_results_suggest_the_closest_indexed_spelling(section):
    make_article(section=section, headline="ترامب يلتقي رئيس الوزراء")
    results = search_articles(text="ترمب")
    assert results.total == 0
    assert [s.text for s in results.suggestions] == ["ترامب"]
    assert search_articles(text=results.suggestions[0].text).total == 1


def test_a_suggestion_shows_the_word_as_articles_write_it(section):
    make_article(section=section, headline="بوتين يستقبل وفدا")
    assert [s.word for s in search_articles(text="بوتن").suggestions] == ["بوتين"]
    make_article(section=section, headline="الحكومة الانتقالية تتشكل")
    assert [s.word for s in search_articles(text="الانتقاليه الحكومات الجديدة").suggestions] \
        in ([], ["الانتقالية"])


def test_scheduled_articles_lend_no_word_to_suggestions(section, editor):
    article = make_article(section=section, headline="اندماج مصرفين كبيرين", published=False)
    services.article_publish(article=article, by=editor,
                             at=timezone.now() + timedelta(days=1))
    assert search_articles(text="اندماح").suggestions == []
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        assert [s.word for s in search_articles(text="اندماح").suggestions] == ["اندماج"]
