import re
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from jarida.conftest import make_section
from jarida.newsroom import services as newsroom
from jarida.newsroom.models import Article
from jarida.newsroom.signals import articles_imported
from jarida.related import services
from jarida.related.models import DuplicateFlag
from jarida.related.selectors import article_related
from jarida.related.tests.conftest import STORIES, story

pytestmark = pytest.mark.django_db


def _trimmed(key: str) -> str:
    """The story without its last paragraph, as a site that cut it would republish it."""
    body = STORIES[key][1]
    return body[:body.rindex("<p>")]


def test_it_flags_a_copy_published_under_a_new_headline(news):
    copy = story("drought", section=make_section("عاجل"), headline="الواحة تقنن المياه",
                 hours_ago=1)
    flag = DuplicateFlag.objects.get(article=copy)
    assert flag.original == news["drought"]
    assert flag.similarity > 0.9
    assert flag.status == "pending"


def test_it_flags_a_copy_with_a_paragraph_cut(news):
    copy = story("final", body=_trimmed("final"), headline="النجوم أبطالًا", hours_ago=1)
    flag = DuplicateFlag.objects.get(article=copy)
    assert flag.original == news["final"]
    assert flag.containment > 0.9


def test_it_does_not_flag_a_different_story_on_the_same_topic(news):
    assert not DuplicateFlag.objects.filter(article=news["drought_followup"]).exists()
    assert not DuplicateFlag.objects.filter(article=news["final_reaction"]).exists()
    assert DuplicateFlag.objects.count() == 0


def test_it_flags_the_later_article_as_the_copy_whatever_the_order_of_checks(news):
    earlier = story("fuel", headline="نسخة أقدم من خبر الوقود", hours_ago=100)
    flag = DuplicateFlag.objects.get()
    assert (flag.article, flag.original) == (news["fuel"], earlier)


def test_it_flags_copies_within_one_import_batch(db):
    section = make_section()
    headline, body = STORIES["books"]
    articles = Article.objects.bulk_create([
        Article(headline=headline, body=body, section=section, status="published",
                published_at=datetime(2026, 1, n, 10, tzinfo=UTC), external_id=f"wire-{n}")
        for n in (1, 2)])
    articles_imported.send(sender=Article, articles=articles)
    flag = DuplicateFlag.objects.get()
    assert (flag.article_id, flag.original_id) == (articles[1].pk, articles[0].pk)


def test_it_finds_the_copies_of_a_draft_for_the_feed_importer(news):
    draft = story("fuel", published=False, headline="الوقود يرتفع مجددًا")
    assert services.article_near_duplicates(article=draft) == [news["fuel"]]
    matches = services.article_find_duplicates(article=draft)
    assert matches[0].article == news["fuel"] and matches[0].similarity > 0.9
    assert not DuplicateFlag.objects.exists()  # drafts are only checked, not flagged
    other = story("books", published=False, headline="مسودة")
    other.body = "<p>خبر آخر تمامًا عن قطار جديد يربط المدينتين بساعتين.</p>"
    assert services.article_near_duplicates(article=other) == []


def test_an_editor_marks_same_story_or_not_a_duplicate(news, editor):
    copy = story("drought", headline="نسخة", hours_ago=1)
    flag = DuplicateFlag.objects.get(article=copy)
    services.duplicate_flag_decide(flag=flag, status="not_duplicate", by=editor)
    flag.refresh_from_db()
    assert flag.status == "not_duplicate" and flag.decided_by == editor
    assert flag.decided_at is not None
    # Not a duplicate: the pair may be related, and is not flagged again after an edit.
    assert news["drought"].pk in [i.article.pk for i in article_related(article=copy)]
    newsroom.article_correct(article=copy, by=editor, note="تصحيح.",
                             headline="نسخة مصححة")
    assert DuplicateFlag.objects.filter(article=copy).count() == 1
    services.duplicate_flag_decide(flag=flag, status="same_story", by=editor)
    assert news["drought"].pk not in [i.article.pk for i in article_related(article=copy)]


def test_a_writer_cannot_decide_a_flag(news, writer):
    copy = story("drought", headline="نسخة", hours_ago=1)
    with pytest.raises(PermissionDenied):
        services.duplicate_flag_decide(flag=DuplicateFlag.objects.get(article=copy),
                                       status="same_story", by=writer)


def test_find_duplicates_lists_each_group_once(news):
    for n in range(2):
        story("final", headline=f"نسخة رقم {n}", hours_ago=1)
    out = StringIO()
    call_command("find_duplicates", "--no-progress", stdout=out)
    text = out.getvalue()
    assert "group 1: 3 articles" in text
    assert f"#{news['final'].pk} " in text
    assert "1 groups" in text


def test_find_duplicates_flags_pairs_when_asked(news):
    copy = story("books", headline="نسخة", hours_ago=1)
    DuplicateFlag.objects.all().delete()
    call_command("find_duplicates", "--flag", "--no-progress", stdout=StringIO())
    flag = DuplicateFlag.objects.get()
    assert (flag.article, flag.original) == (copy, news["books"])


def test_the_admin_lists_flags_and_shows_them_on_the_article(client, news, editor):
    copy = story("drought", headline="نسخة من خبر الجفاف", hours_ago=1)
    flag = DuplicateFlag.objects.get(article=copy)
    client.force_login(editor)
    page = client.get(reverse("admin:related_duplicateflag_changelist")).content.decode()
    assert "نسخة من خبر الجفاف" in page and news["drought"].headline in page
    article_page = client.get(reverse("admin:newsroom_article_change", args=[copy.pk]))
    html = article_page.content.decode()
    assert article_page.status_code == 200
    assert reverse("admin:newsroom_article_change", args=[news["drought"].pk]) in html
    assert f"{round(flag.similarity * 100)}٪" in html
    assert "اخبار قد تهمك: تثبيت واستبعاد" in html
    response = client.post(reverse("admin:related_duplicateflag_changelist"), {
        "action": "action_same_story", "_selected_action": [flag.pk]})
    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.status == "same_story" and flag.decided_by == editor


def test_the_admin_saves_pins_from_the_article_page(client, news, editor):
    drought = news["drought"]
    client.force_login(editor)
    url = reverse("admin:newsroom_article_change", args=[drought.pk])
    html = client.get(url).content.decode()
    # "No rows" for every inline the form shows (other apps add theirs), then one pin.
    data = {f"{p}-{k}": "0" for p in re.findall(r'name="([^"]+)-TOTAL_FORMS"', html)
            for k in ("TOTAL_FORMS", "INITIAL_FORMS")}
    data.update({"headline": drought.headline, "slug": drought.slug, "body": drought.body,
                 "section": drought.section_id, "allow_comments": "on",
                 "related_choices-TOTAL_FORMS": "1", "related_choices-0-other": news["books"].pk,
                 "related_choices-0-kind": "pin", "related_choices-0-position": "0"})
    response = client.post(url, data)
    assert response.status_code == 302
    assert article_related(article=drought)[0].article == news["books"]
