"""Readers report comments; enough reports send a comment back to the moderators."""

import pytest
from django.urls import reverse

from jarida.comments.models import Comment, CommentReport, ModerationDecision
from jarida.comments.services import comment_add, comment_report, comments_moderate, reporter_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(article):
    return comment_add(article=article, name="قارئ", email="r@example.com",
                       body="تعليق قد يسيء لبعض القراء")


def report(client, comment, *, ip: str, reason: str = "abuse"):
    return client.post(reverse("comments:report", args=[comment.pk]), {"reason": reason},
                       REMOTE_ADDR=ip)


def test_the_report_page_quotes_the_comment_and_offers_reasons(client, published):
    html = client.get(reverse("comments:report", args=[published.pk])).content.decode()
    assert "الإبلاغ عن تعليق" in html and "تعليق قد يسيء لبعض القراء" in html
    assert "إساءة أو كراهية" in html and 'type="radio"' in html


def test_enough_reports_send_a_comment_back_to_the_queue(client, published, comments_conf):
    comments_conf(REPORTS_TO_REQUEUE=3)
    for i in range(2):
        assert "وصل بلاغك" in report(client, published, ip=f"10.0.0.{i}").content.decode()
    published.refresh_from_db()
    assert (published.status, published.report_count) == ("approved", 2)
    report(client, published, ip="10.0.0.9", reason="spam")
    published.refresh_from_db()
    assert (published.status, published.is_reported, published.held_for) == (
        "pending", True, "reported")
    decision = ModerationDecision.objects.get()
    assert (decision.action, decision.by) == ("reported", None)
    html = client.get(published.article.get_absolute_url()).content.decode()
    assert "تعليق قد يسيء لبعض القراء" not in html


def test_a_reader_counts_once_per_comment(client, published, comments_conf):
    comments_conf(REPORTS_TO_REQUEUE=2)
    for _ in range(3):
        report(client, published, ip="10.0.0.1")
    published.refresh_from_db()
    assert (published.status, published.report_count) == ("approved", 1)
    assert CommentReport.objects.count() == 1
    assert "10.0.0.1" not in CommentReport.objects.get().reporter_key


def test_approving_again_clears_the_reports_and_new_ones_count_from_zero(
        client, published, moderator, comments_conf):
    comments_conf(REPORTS_TO_REQUEUE=2)
    report(client, published, ip="10.0.0.1")
    report(client, published, ip="10.0.0.2")
    published.refresh_from_db()
    comments_moderate(comments=[published], action="approve", by=moderator)
    published.refresh_from_db()
    assert (published.status, published.report_count, published.is_reported) == (
        "approved", 0, False)
    report(client, published, ip="10.0.0.3")
    published.refresh_from_db()
    assert published.status == "approved"


def test_only_published_comments_can_be_reported(client, article):
    waiting = comment_add(article=article, name="قارئ", email="r@example.com", body="ينتظر",
                          status="pending")
    assert client.get(reverse("comments:report", args=[waiting.pk])).status_code == 404
    assert comment_report(comment=waiting, reporter=reporter_key("10.0.0.1"),
                          reason="abuse") is False


def test_a_report_needs_a_reason(client, published):
    response = client.post(reverse("comments:report", args=[published.pk]), {"reason": "x"})
    assert response.status_code == 400
    assert Comment.objects.get().report_count == 0
