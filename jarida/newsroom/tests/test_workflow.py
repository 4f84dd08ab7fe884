from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from jarida.conftest import make_article, make_author, make_section
from jarida.newsroom import services
from jarida.newsroom.models import Article, ArticleTransition
from jarida.newsroom.services import WorkflowError

pytestmark = pytest.mark.django_db


def test_it_creates_drafts_that_readers_cannot_see(writer):
    article = make_article(by=writer, published=False)
    assert article.status == "draft"
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_it_lets_a_writer_submit_own_draft_for_review(writer):
    article = make_article(by=writer, published=False)
    services.article_submit_for_review(article=article, by=writer)
    assert article.state == "review"
    step = ArticleTransition.objects.filter(article=article).last()
    assert (step.from_state, step.to_state, step.by) == ("draft", "review", writer)


def test_it_refuses_to_let_a_writer_publish(writer):
    article = make_article(by=writer, published=False)
    with pytest.raises(PermissionDenied):
        services.article_publish(article=article, by=writer)
    article.refresh_from_db()
    assert article.status == "draft"


def test_it_refuses_to_let_a_writer_edit_someone_elses_draft(writer, editor):
    article = make_article(by=editor, published=False)
    with pytest.raises(PermissionDenied):
        services.article_update(article=article, by=writer, headline="عنوان آخر")


def test_it_refuses_to_let_a_writer_edit_a_published_article(writer):
    article = make_article(by=writer, published=False)
    services.article_publish(article=article, by=None)
    with pytest.raises(PermissionDenied):
        services.article_update(article=article, by=writer, headline="عنوان آخر")


def test_it_lets_an_editor_publish_and_records_who(editor, writer):
    article = make_article(by=writer, published=False)
    services.article_submit_for_review(article=article, by=writer)
    services.article_publish(article=article, by=editor)
    assert Article.objects.published().filter(pk=article.pk).exists()
    steps = list(article.transitions.values_list("from_state", "to_state", "by__username"))
    assert steps[-1] == ("review", "published", "editor")


def test_it_keeps_a_scheduled_article_hidden_until_its_time_without_any_job(editor):
    article = make_article(published=False)
    at = timezone.now() + timedelta(hours=6)
    services.article_publish(article=article, by=editor, at=at)
    assert article.state == "scheduled"
    assert not Article.objects.published().filter(pk=article.pk).exists()
    with time_machine.travel(at + timedelta(seconds=1)):
        assert Article.objects.published().filter(pk=article.pk).exists()
        assert Article.objects.get(pk=article.pk).state == "published"


def test_it_records_a_correction_with_a_note_and_a_new_modified_time(editor):
    article = make_article(hours_ago=5)
    before = article.updated_at
    services.article_correct(article=article, by=editor, note="صُحّح عدد الأسر المستفيدة.",
                             body=article.body.replace("مئتي", "مئة"))
    article.refresh_from_db()
    assert article.state == "corrected"
    assert article.correction_note == "صُحّح عدد الأسر المستفيدة."
    assert article.updated_at > before
    assert "مئة ألف" in article.body
    assert article.transitions.last().to_state == "corrected"


def test_it_refuses_a_correction_without_a_note(editor):
    article = make_article()
    with pytest.raises(ValidationError):
        services.article_correct(article=article, by=editor, note="  ")


def test_it_refuses_to_correct_a_draft(editor):
    article = make_article(published=False)
    with pytest.raises(WorkflowError):
        services.article_correct(article=article, by=editor, note="تصحيح")


def test_it_unpublishes_and_takes_the_article_out_of_published(editor):
    article = make_article()
    services.article_unpublish(article=article, by=editor)
    assert article.state == "unpublished"
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_it_refuses_to_publish_an_article_without_a_body(editor):
    article = make_article(published=False, body="<p>   </p>")
    with pytest.raises(WorkflowError):
        services.article_publish(article=article, by=editor)


def test_it_sanitizes_the_body_on_every_save(editor):
    article = make_article(published=False, body='<p onclick="x()">نص</p><script>alert(1)</script>'
                                                  '<a href="javascript:alert(1)">رابط</a>')
    assert "<script" not in article.body and "alert" not in article.body
    assert "onclick" not in article.body
    assert "javascript:" not in article.body
    services.article_update(article=article, by=editor, body="<p>جديد</p><iframe src=x></iframe>")
    assert article.body == "<p>جديد</p>"


def test_it_strips_bidi_overrides_from_bodies(editor):
    article = make_article(published=False, body="<p>نص \u202eمقلوب\u202c عادي</p>")
    assert "\u202e" not in article.body and "مقلوب" in article.body


def test_it_keeps_authors_in_byline_order(editor):
    first, second = make_author("سلمى يوسف"), make_author("كريم داود")
    article = make_article(authors=[second, first])
    assert [a.name for a in Article.objects.get(pk=article.pk).ordered_authors] == [
        "كريم داود", "سلمى يوسف"]


def test_it_stores_a_revision_per_change_of_text(editor):
    article = make_article(published=False)
    services.article_update(article=article, by=editor, headline="عنوان معدّل للمحطة")
    services.article_update(article=article, by=editor, is_breaking=True)  # no text change
    assert list(article.revisions.values_list("headline", flat=True)) == [
        "عنوان معدّل للمحطة", "افتتاح محطة تحلية المياه في الساحل"]


def test_it_makes_an_arabic_slug_limited_in_characters_not_bytes():
    section = make_section()
    long_headline = " ".join(["اجتماع"] * 40)
    article = make_article(section=section, headline=long_headline, published=False)
    assert len(article.slug) <= 80
    assert len(article.slug.encode()) > 80  # Arabic letters take two bytes each
    assert article.slug.startswith("اجتماع-اجتماع")
    assert not article.slug.endswith("-")


def test_it_does_not_let_a_section_take_a_reserved_path():
    with pytest.raises(ValidationError):
        make_section(slug="admin").full_clean()
