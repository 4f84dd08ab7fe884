from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from jarida.conftest import make_article, make_section
from jarida.newsroom import services
from jarida.newsroom.models import Article

pytestmark = pytest.mark.django_db


def _workflow(article, step):
    return reverse("admin:newsroom_article_workflow", args=[article.pk, step])


def test_it_shows_the_newsroom_in_arabic_right_to_left(client, editor):
    client.force_login(editor)
    html = client.get(reverse("admin:newsroom_article_add")).content.decode()
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    assert "prose-editor" in html  # the rich text widget
    assert "العنوان" in html


def test_it_creates_a_draft_through_the_service_and_sanitizes_it(client, writer):
    section = make_section()
    client.force_login(writer)
    response = client.post(reverse("admin:newsroom_article_add"), {
        "headline": "مهرجان الخريف يعود إلى المدينة القديمة",
        "slug": "", "standfirst": "", "section": section.pk,
        "body": "<p>يعود المهرجان هذا العام.</p><script>alert(1)</script>",
        "byline": "", "source_credit": "", "hero_caption": "", "hero_credit": "",
        "allow_comments": "on",
        "article_authors-TOTAL_FORMS": "0", "article_authors-INITIAL_FORMS": "0",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    assert article.status == "draft" and article.created_by == writer
    assert article.body == "<p>يعود المهرجان هذا العام.</p>"
    assert article.slug == "مهرجان-الخريف-يعود-إلى-المدينة-القديمة"
    assert article.revisions.count() == 1
    assert article.transitions.get().to_state == "draft"


def test_it_lets_an_editor_publish_through_the_workflow_button(client, editor):
    article = make_article(published=False)
    client.force_login(editor)
    assert client.get(_workflow(article, "publish")).status_code == 200
    client.post(_workflow(article, "publish"))
    article.refresh_from_db()
    assert article.state == "published"
    assert article.transitions.last().by == editor


def test_it_schedules_only_in_the_future(client, editor):
    article = make_article(published=False)
    client.force_login(editor)
    past = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    client.post(_workflow(article, "schedule"), {"published_at": past})
    article.refresh_from_db()
    assert article.status == "draft"
    future = (timezone.localtime() + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    client.post(_workflow(article, "schedule"), {"published_at": future})
    article.refresh_from_db()
    assert article.state == "scheduled"


def test_it_refuses_a_forged_publish_post_from_a_writer(client, writer):
    article = make_article(by=writer, published=False)
    client.force_login(writer)
    client.post(_workflow(article, "publish"))
    client.post(reverse("admin:newsroom_article_changelist"),
                {"action": "action_publish", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == "draft"


def test_it_offers_writers_only_the_steps_they_may_take(client, writer):
    article = make_article(by=writer, published=False)
    client.force_login(writer)
    html = client.get(reverse("admin:newsroom_article_change", args=[article.pk])).content.decode()
    assert "إرسال للمراجعة" in html
    assert _workflow(article, "publish") not in html


def test_it_previews_a_draft_as_readers_will_see_it(client, editor):
    article = make_article(published=False)
    client.force_login(editor)
    response = client.get(reverse("admin:newsroom_article_preview", args=[article.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "معاينة" in html and f"{article.headline}</h1>" in html
    assert 'name="robots" content="noindex"' in html


def test_it_shows_what_changed_between_revisions(client, editor):
    article = make_article(published=False)
    services.article_update(article=article, by=editor,
                            body=article.body.replace("مئتي ألف", "ثلاثمئة ألف"))
    client.force_login(editor)
    html = client.get(reverse("admin:newsroom_article_revisions", args=[article.pk])).content.decode()
    assert 'class="removed"' in html and 'class="added"' in html
    assert "ثلاثمئة ألف" in html


def test_it_corrects_with_a_note_from_the_admin(client, editor):
    article = make_article()
    client.force_login(editor)
    client.post(_workflow(article, "correct"), {"note": "صُحّح اسم الوزير."})
    article.refresh_from_db()
    assert article.state == "corrected" and article.correction_note == "صُحّح اسم الوزير."


def test_it_filters_the_list_by_state(client, editor):
    make_article(headline="خبر منشور عن الزراعة")
    make_article(headline="مسودة عن الصناعة", published=False)
    client.force_login(editor)
    html = client.get(reverse("admin:newsroom_article_changelist") + "?state=draft").content.decode()
    assert "مسودة عن الصناعة" in html and "خبر منشور عن الزراعة" not in html


def test_a_quotes_speaker_keeps_its_tag_and_loses_any_hostile_attribute(client, writer):
    # The editor now offers <cite>; what reaches the server is still sanitized.
    section = make_section()
    client.force_login(writer)
    response = client.post(reverse("admin:newsroom_article_add"), {
        "headline": "إغلاق طريق الجبل بسبب الانهيارات", "slug": "", "standfirst": "",
        "section": section.pk, "byline": "", "source_credit": "", "hero_caption": "",
        "hero_credit": "", "allow_comments": "on",
        "body": ('<blockquote><p>سنعيد فتح الطريق خلال يومين.</p>'
                 '<cite onclick="alert(1)" style="color:red">\u202eمدير\u202c الطرق'
                 '<script>alert(2)</script></cite></blockquote>'),
        "article_authors-TOTAL_FORMS": "0", "article_authors-INITIAL_FORMS": "0",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    body = Article.objects.get().body
    assert "<cite>مدير الطرق</cite></blockquote>" in body
    assert "onclick" not in body and "style" not in body
    assert "script" not in body and "\u202e" not in body
