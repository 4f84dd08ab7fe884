"""Emails: moderators told when the queue grows; readers sent the link proving their
address. Sent after commit with Django's mail (SMTP in production, memory in tests); a
mail failure is logged and never loses the comment."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from jarida.comments.conf import comments_setting
from jarida.comments.selectors import queue_counts, queue_size
from jarida.comments.tokens import verify_token_make
from jarida.newsroom.roles import MODERATOR

logger = logging.getLogger(__name__)
_NOTICE_KEY = "comments:queue-notice"


def moderator_emails() -> list[str]:
    """Active moderators' addresses, and any listed in the settings."""
    users = get_user_model().objects.filter(
        is_active=True, groups__name=MODERATOR).exclude(email="")
    emails = dict.fromkeys([*users.values_list("email", flat=True),
                            *comments_setting("QUEUE_NOTIFY_EMAILS")])
    return list(emails)


def queue_notify() -> bool:
    """When QUEUE_NOTIFY_SIZE or more comments wait, mail the moderators, at most once
    every QUEUE_NOTIFY_EVERY_MINUTES (the cache holds the last notice)."""
    size = comments_setting("QUEUE_NOTIFY_SIZE")
    if not size:
        return False
    if cache.get(_NOTICE_KEY):  # told them lately: not even a count
        return False
    waiting = queue_size()
    if waiting < size:
        return False
    if not cache.add(_NOTICE_KEY, 1, timeout=comments_setting("QUEUE_NOTIFY_EVERY_MINUTES") * 60):
        return False
    counts = queue_counts()
    recipients = moderator_emails()
    if not recipients:
        return False
    context = {**counts, "waiting": waiting, "SITE_NAME": settings.SITE_NAME,
               "queue_url": settings.SITE_URL + reverse("admin:comments_comment_changelist")}
    try:
        send_mail(_("%(n)s تعليقات بانتظار المراجعة") % {"n": waiting},
                  render_to_string("comments/email/queue.txt", context),
                  None, recipients)
    except Exception:  # a mail server down must not fail the reader's post
        logger.exception("Could not mail the moderators about the comment queue")
        cache.delete(_NOTICE_KEY)
        return False
    return True


def verification_send(*, commenter) -> None:
    url = settings.SITE_URL + reverse(
        "comments:verify", kwargs={"token": verify_token_make(commenter_id=commenter.pk,
                                                              email=commenter.email)})
    context = {"name": commenter.name, "url": url, "SITE_NAME": settings.SITE_NAME}
    try:
        send_mail(_("أكّد بريدك للتعليق على %(site)s") % {"site": settings.SITE_NAME},
                  render_to_string("comments/email/verify.txt", context), None,
                  [commenter.email])
    except Exception:
        logger.exception("Could not mail the verification link to commenter %s", commenter.pk)
