"""Trust: a proven commenter with enough approved comments and no recent rejection is
published at once; a high recent rejection rate sends anyone back to pre-moderation."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from jarida.comments.models import Comment, Commenter
from jarida.comments.services import comments_moderate
from jarida.comments.tests.conftest import post_comment, valid_token
from jarida.comments.tokens import COMMENTER_COOKIE

pytestmark = pytest.mark.django_db


def verify_by_email(client) -> None:
    """Follow the link of the last mail the way a reader does: open it, press the button."""
    link = re.search(r"http://\S+/comments/verify/\S+/", mail.outbox[-1].body).group(0)
    path = link.split("127.0.0.1:8000", 1)[-1] if "127.0.0.1:8000" in link else link
    assert client.get(path).status_code == 200
    response = client.post(path)
    assert response.status_code == 200 and COMMENTER_COOKIE in response.cookies


def approve_all(moderator) -> None:
    comments_moderate(comments=Comment.objects.filter(status="pending"), action="approve",
                      by=moderator)


def test_it_mails_a_new_commenter_the_link_that_proves_their_address(
        client, article, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, article)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["salma@example.com"]
    assert "/comments/verify/" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, article, body="تعليق ثانٍ مختلف")
    assert len(mail.outbox) == 1  # at most one link a week
    verify_by_email(client)
    assert Commenter.objects.get().email_verified_at is not None


def test_a_broken_verification_link_is_refused(client):
    response = client.post("/comments/verify/not-a-token/")
    assert response.status_code == 400 and COMMENTER_COOKIE not in response.cookies


def test_a_proven_commenter_with_enough_approved_comments_is_published_at_once(
        client, article, moderator, comments_conf, django_capture_on_commit_callbacks):
    comments_conf(TRUST_MIN_APPROVED=3, RATE_PER_EMAIL="100/60", RATE_PER_IP="100/60")
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(3):
            post_comment(client, article, body=f"تعليق مفيد رقم {i}")
    verify_by_email(client)
    post_comment(client, article, body="قبل الموافقة على السابقة")
    assert Comment.objects.get(body="قبل الموافقة على السابقة").status == "pending"
    approve_all(moderator)

    post_comment(client, article, body="بعد ثلاثة مقبولة")
    assert Comment.objects.get(body="بعد ثلاثة مقبولة").status == "approved"

    # Someone else typing the same address is not trusted: the proof is in the browser.
    stranger = Client()
    post_comment(stranger, article, body="منتحل يكتب البريد نفسه", REMOTE_ADDR="10.2.2.2")
    assert Comment.objects.get(body="منتحل يكتب البريد نفسه").status == "pending"


def test_an_unverified_address_is_never_trusted(client, article, moderator, comments_conf):
    comments_conf(TRUST_MIN_APPROVED=2, RATE_PER_EMAIL="100/60", RATE_PER_IP="100/60")
    for i in range(4):
        post_comment(client, article, body=f"تعليق رقم {i}")
    approve_all(moderator)
    post_comment(client, article, body="بلا تأكيد للبريد")
    assert Comment.objects.get(body="بلا تأكيد للبريد").status == "pending"


def test_a_recent_rejection_withdraws_trust_until_it_is_old(
        client, article, moderator, comments_conf, django_capture_on_commit_callbacks):
    comments_conf(TRUST_MIN_APPROVED=2, TRUST_WINDOW_DAYS=30, CLOSE_AFTER_DAYS=0,
                  RATE_PER_EMAIL="100/60", RATE_PER_IP="100/60")
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(3):
            post_comment(client, article, body=f"تعليق رقم {i}")
    verify_by_email(client)
    approve_all(moderator)
    post_comment(client, article, body="تعليق مسيء")
    comments_moderate(comments=Comment.objects.filter(body="تعليق مسيء"), action="reject",
                      by=moderator)
    post_comment(client, article, body="بعد الرفض مباشرة")
    assert Comment.objects.get(body="بعد الرفض مباشرة").status == "pending"
    Comment.objects.filter(body="بعد الرفض مباشرة").delete()
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        post_comment(client, article, body="بعد شهر", token=valid_token(article))
    assert Comment.objects.get(body="بعد شهر").status == "approved"


def test_a_high_rejection_rate_sends_a_commenter_back_to_pre_moderation(
        client, article, moderator, comments_conf):
    comments_conf(MODE="post", DEMOTE_MIN_DECISIONS=3, DEMOTE_REJECTION_RATE=0.3,
                  RATE_PER_EMAIL="100/60", RATE_PER_IP="100/60")
    for i in range(3):
        post_comment(client, article, body=f"تعليق رقم {i}")
    comments_moderate(comments=Comment.objects.filter(body__in=["تعليق رقم 0", "تعليق رقم 1"]),
                      action="approve", by=moderator)
    post_comment(client, article, body="يُنشر في وضع ما بعد النشر")
    assert Comment.objects.get(body="يُنشر في وضع ما بعد النشر").status == "approved"
    comments_moderate(comments=Comment.objects.filter(body="تعليق رقم 2"), action="spam",
                      by=moderator)  # 1 bad of 3 decided: a third
    post_comment(client, article, body="بعد الوسم بالإزعاج")
    comment = Comment.objects.get(body="بعد الوسم بالإزعاج")
    assert (comment.status, comment.held_for) == ("pending", "demoted")
