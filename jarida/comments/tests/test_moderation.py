"""Moderators approve, reject, mark spam and ban, in bulk; every decision is recorded,
and readers' pages are told (after commit) when what they see changes."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from jarida.comments.models import BannedAddress, Comment, ModerationDecision
from jarida.comments.services import comment_add, commenters_ban, comments_moderate
from jarida.comments.signals import comment_approved, comments_changed
from jarida.comments.tests.conftest import post_comment
from jarida.conftest import make_article

pytestmark = pytest.mark.django_db


def waiting(article, n: int, **fields) -> list[Comment]:
    return [comment_add(article=article, name=f"قارئ {i}", email=f"r{i}@example.com",
                        body=f"تعليق ينتظر رقم {i}", status="pending", **fields)
            for i in range(n)]


@pytest.fixture
def heard():
    """What the caches would hear: (signal, article id or comment id), in order."""
    events = []

    def on_changed(sender, article, **kwargs):
        events.append(("changed", article.pk))

    def on_approved(sender, comment, **kwargs):
        events.append(("approved", comment.pk))

    comments_changed.connect(on_changed)
    comment_approved.connect(on_approved)
    yield events
    comments_changed.disconnect(on_changed)
    comment_approved.disconnect(on_approved)


def test_approving_in_bulk_records_each_decision_and_tells_the_page_once(
        article, moderator, heard, django_capture_on_commit_callbacks):
    comments = waiting(article, 3)
    with django_capture_on_commit_callbacks(execute=True):
        assert comments_moderate(comments=comments, action="approve", by=moderator) == 3
        assert heard == []  # nothing before commit
    assert heard == [("changed", article.pk)] + [("approved", c.pk) for c in comments]
    assert set(Comment.objects.values_list("status", flat=True)) == {"approved"}
    decisions = ModerationDecision.objects.filter(by=moderator, action="approve")
    assert decisions.count() == 3
    assert {(d.from_status, d.to_status) for d in decisions} == {("pending", "approved")}


def test_rejecting_a_published_comment_takes_it_off_the_page(
        client, article, moderator, heard, django_capture_on_commit_callbacks):
    comment = comment_add(article=article, name="قارئ", email="r@example.com",
                          body="تعليق منشور سيُرفض")
    assert "تعليق منشور سيُرفض" in client.get(article.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        comments_moderate(comments=[comment], action="reject", by=moderator)
    assert heard == [("changed", article.pk)]
    assert "تعليق منشور سيُرفض" not in client.get(article.get_absolute_url()).content.decode()


def test_a_decision_that_changes_nothing_is_not_recorded(article, moderator):
    comment = waiting(article, 1)[0]
    comments_moderate(comments=[comment], action="spam", by=moderator)
    assert comments_moderate(comments=[comment], action="spam", by=moderator) == 0
    assert ModerationDecision.objects.count() == 1


def test_only_moderators_and_editors_moderate(article, writer, moderator, editor):
    comment = waiting(article, 1)[0]
    with pytest.raises(PermissionDenied):
        comments_moderate(comments=[comment], action="approve", by=writer)
    assert comments_moderate(comments=[comment], action="approve", by=editor) == 1
    with pytest.raises(PermissionDenied):
        commenters_ban(comments=[comment], by=writer)


def test_banning_rejects_the_comments_and_what_the_commenter_has_waiting(
        client, article, moderator):
    post_comment(client, article, body="تعليق مسيء", REMOTE_ADDR="10.7.7.7")
    comment = Comment.objects.get()
    later = comment_add(article=make_article(), name="سلمى", email="salma@example.com",
                        body="تعليق آخر ينتظر", status="pending")
    other = waiting(article, 1)[0]
    assert commenters_ban(comments=[comment], by=moderator) == 1
    comment.refresh_from_db(), later.refresh_from_db(), other.refresh_from_db()
    assert (comment.status, later.status, other.status) == ("rejected", "rejected", "pending")
    assert comment.commenter.__class__.objects.get(pk=comment.commenter_id).is_banned
    assert BannedAddress.objects.get().ip_address == "10.7.7.7"
    assert ModerationDecision.objects.filter(action="ban").count() == 2
    assert post_comment(client, article, body="عاد من جديد", email="new@example.com",
                        REMOTE_ADDR="10.7.7.7").status_code == 403


# The queue in the admin


def test_the_queue_opens_on_pending_with_folders_and_counts(client, article, moderator):
    waiting(article, 2)
    comment_add(article=article, name="مزعج", email="s@example.com", body="إعلان مزعج",
                status="spam")
    reported = comment_add(article=article, name="قارئ", email="x@example.com", body="مُبلّغ عنه")
    Comment.objects.filter(pk=reported.pk).update(status="pending", is_reported=True)
    client.force_login(moderator)
    url = reverse("admin:comments_comment_changelist")
    html = client.get(url).content.decode()
    assert "بانتظار المراجعة (2)" in html and "أعادته البلاغات (1)" in html
    assert "رسائل مزعجة (1)" in html
    assert "تعليق ينتظر رقم 0" in html and "إعلان مزعج" not in html
    assert "إعلان مزعج" in client.get(url + "?folder=spam").content.decode()
    assert "مُبلّغ عنه" in client.get(url + "?folder=reported").content.decode()


def test_the_queue_filters_by_article(client, article, moderator):
    waiting(article, 1)
    other = make_article(headline="عنوان مقال آخر تمامًا")
    comment_add(article=other, name="قارئ", email="o@example.com", body="على المقال الآخر",
                status="pending")
    client.force_login(moderator)
    url = reverse("admin:comments_comment_changelist")
    html = client.get(url + f"?article={other.pk}").content.decode()
    assert "على المقال الآخر" in html and "تعليق ينتظر رقم 0" not in html
    assert "عنوان مقال آخر تمامًا (1)" in client.get(url).content.decode()


@pytest.mark.parametrize("action, status", [("action_approve", "approved"),
                                            ("action_reject", "rejected"),
                                            ("action_spam", "spam")])
def test_a_moderator_decides_in_bulk_from_the_queue(client, article, moderator, action,
                                                    status):
    comments = waiting(article, 3)
    client.force_login(moderator)
    response = client.post(reverse("admin:comments_comment_changelist"), {
        "action": action, "_selected_action": [c.pk for c in comments[:2]]})
    assert response.status_code == 302
    assert list(Comment.objects.order_by("pk").values_list("status", flat=True)) == [
        status, status, "pending"]
    assert ModerationDecision.objects.filter(by=moderator).count() == 2


def test_a_moderator_bans_from_the_queue(client, article, moderator):
    comments = waiting(article, 2)
    client.force_login(moderator)
    client.post(reverse("admin:comments_comment_changelist"),
                {"action": "action_ban", "_selected_action": [comments[0].pk]})
    assert comments[0].commenter.__class__.objects.filter(is_banned=True).count() == 1


def test_a_writer_cannot_open_the_queue(client, writer):
    client.force_login(writer)
    assert client.get(reverse("admin:comments_comment_changelist")).status_code == 403


def test_the_comment_page_shows_the_decisions_and_the_text_as_sent(client, article,
                                                                   moderator):
    post_comment(client, article, body="نص \u202eمقلوب")
    comment = Comment.objects.get()
    comments_moderate(comments=[comment], action="approve", by=moderator)
    client.force_login(moderator)
    html = client.get(reverse("admin:comments_comment_change", args=[comment.pk])).content.decode()
    assert "[U+202E]" in html
    assert "moderator" in html and "نشر" in html


def test_an_editor_sets_a_policy_on_the_article_form(client, editor):
    article = make_article()
    client.force_login(editor)
    html = client.get(reverse("admin:newsroom_article_change", args=[article.pk])).content.decode()
    assert "سياسة التعليقات لهذا المقال" in html
    html = client.get(reverse("admin:newsroom_section_change",
                              args=[article.section_id])).content.decode()
    assert "سياسة التعليقات لهذا القسم" in html


def test_the_queue_says_why_each_comment_waits_in_arabic(client, article, moderator):
    from jarida.comments.admin import held_for_label

    held = comment_add(article=article, name="ريم", email="reem@example.com",
                       body="تعليق ينتظر المراجعة", status="pending")
    Comment.objects.filter(pk=held.pk).update(held_for="pre-moderation")
    client.force_login(moderator)
    html = client.get(reverse("admin:comments_comment_changelist")).content.decode()
    assert "المراجعة المسبقة" in html and "pre-moderation" not in html
    # The address on its own line, left to right, not wrapped in reorderable "<…>".
    assert '<bdi>ريم</bdi><br><bdi dir="ltr">reem@example.com</bdi>' in html
    assert held_for_label("new commenter") == "معلّق جديد"
    assert held_for_label("suspect: ربح سريع، اربح") == "كلمات مشبوهة: ربح سريع، اربح"
    assert held_for_label("spam score 0.97") in ("درجة الإزعاج ٠.٩٧", "درجة الإزعاج ٠٫٩٧")
    assert held_for_label("") == "-"
    assert held_for_label("a reason added later") == "a reason added later"
