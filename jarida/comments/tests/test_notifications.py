"""Moderators are mailed when the queue grows past a threshold, not at every comment."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from jarida.comments.tests.conftest import post_comment, valid_token
from jarida.newsroom.roles import MODERATOR, roles_ensure

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderators(db):
    group = roles_ensure()[MODERATOR]
    for name in ("huda", "omar"):
        get_user_model().objects.create_user(name, f"{name}@jarida.example",
                                             is_staff=True).groups.add(group)
    get_user_model().objects.create_user("gone", "gone@jarida.example", is_active=False,
                                         is_staff=True).groups.add(group)


def notices():
    return [m for m in mail.outbox if "بانتظار المراجعة" in m.subject]


def test_it_mails_the_moderators_when_the_queue_reaches_the_threshold(
        client, article, moderators, comments_conf, django_capture_on_commit_callbacks):
    comments_conf(QUEUE_NOTIFY_SIZE=3, QUEUE_NOTIFY_EMAILS=["desk@jarida.example"],
                  RATE_PER_IP="100/60", VERIFY_EMAILS=False)
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(2):
            post_comment(client, article, email=f"r{i}@example.com", body=f"تعليق {i}")
    assert notices() == []
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, article, email="r3@example.com", body="الثالث")
    (notice,) = notices()
    assert sorted(notice.to) == ["desk@jarida.example", "huda@jarida.example",
                                 "omar@jarida.example"]
    assert "/admin/comments/comment/" in notice.body and "3" in notice.subject


def test_it_mails_at_most_once_per_interval(client, article, moderators, comments_conf,
                                            django_capture_on_commit_callbacks):
    comments_conf(QUEUE_NOTIFY_SIZE=1, QUEUE_NOTIFY_EVERY_MINUTES=60, RATE_PER_IP="100/60",
                  VERIFY_EMAILS=False)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        with django_capture_on_commit_callbacks(execute=True):
            for i in range(4):
                post_comment(client, article, email=f"r{i}@example.com", body=f"تعليق {i}")
        assert len(notices()) == 1
        traveller.shift(timedelta(minutes=61))
        with django_capture_on_commit_callbacks(execute=True):
            post_comment(client, article, email="late@example.com", body="بعد ساعة",
                         token=valid_token(article))
    assert len(notices()) == 2


def test_a_threshold_of_zero_turns_the_mail_off(client, article, moderators, comments_conf,
                                                django_capture_on_commit_callbacks):
    comments_conf(QUEUE_NOTIFY_SIZE=0, VERIFY_EMAILS=False)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, article)
    assert mail.outbox == []
