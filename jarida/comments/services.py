"""Comment actions. Every change to a comment goes through one of these services, called
alike from the reader views, the admin, the demo loader and the tests.

A reader's comment passes, cheapest check first: the article is open; the address and
the email are under their rates; neither is banned; the text is within length and link
limits; no banned word; not a duplicate of a recent comment. Then it is filed:

    suspect word ───────────────▶ pending (held for review)
    spam score ≥ threshold ─────▶ spam
    commenter demoted ──────────▶ pending   (high recent rejection rate)
    commenter trusted ──────────▶ approved  (proven identity, enough approved, no recent
                                             rejection)
    post-moderation, known ─────▶ approved  (new commenters stay pre-moderated)
    otherwise ──────────────────▶ pending

Moderators then approve, reject, mark spam or ban; each decision is recorded, teaches
the spam filter, and, when readers' view changes, sends `comments_changed` after commit.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from jarida.comments import notifications
from jarida.comments.conf import comments_setting, rates_parse
from jarida.comments.models import (
    BannedAddress,
    Comment,
    Commenter,
    CommentReport,
    Mode,
    ModerationDecision,
)
from jarida.comments.ratelimit import rate_hit
from jarida.comments.selectors import comment_policy
from jarida.comments.signals import comment_approved, comments_changed
from jarida.comments.spam import spam_features, spam_learn, spam_score
from jarida.comments.text import (
    body_fingerprint,
    link_count,
    name_clean,
    text_clean,
    text_had_hidden,
)
from jarida.comments.tokens import verify_token_read
from jarida.comments.wordlists import wordlist_matches
from jarida.newsroom.models import Article

logger = logging.getLogger(__name__)
User = AbstractBaseUser
Status = Comment.Status
Action = ModerationDecision.Action


class CommentRefused(Exception):
    """The comment is not accepted. `message` is for the reader, in Arabic; `field`
    names the form field to show it on ("" for the whole form)."""

    def __init__(self, code: str, message: str, *, http_status: int = 400, field: str = ""):
        super().__init__(message)
        self.code = code
        self.message = message
        self.http_status = http_status
        self.field = field


def _require(by: User | None, perm: str) -> None:
    # by=None is the system itself (demo loader, reports): trusted, recorded as nobody.
    if by is not None and not by.has_perm(perm):
        raise PermissionDenied(_("ليست لديك صلاحية لهذا الإجراء."))


def _announce(article: Article, approved: Iterable[Comment] = ()) -> None:
    """Tell caches after commit that readers' view of the article's comments changed."""
    approved = list(approved)

    def send() -> None:
        comments_changed.send(sender=Comment, article=article)
        for comment in approved:
            comment_approved.send(sender=Comment, comment=comment)

    transaction.on_commit(send)


@dataclass(frozen=True)
class Standing:
    """A commenter's record: comments approved, and moderators' decisions lately."""

    approved: int
    recent_decided: int
    recent_bad: int

    @property
    def is_demoted(self) -> bool:
        minimum = comments_setting("DEMOTE_MIN_DECISIONS")
        return (self.recent_decided >= minimum
                and self.recent_bad / self.recent_decided >= comments_setting(
                    "DEMOTE_REJECTION_RATE"))

    @property
    def has_enough_approved(self) -> bool:
        return self.approved >= comments_setting("TRUST_MIN_APPROVED") and self.recent_bad == 0


def commenter_standing(*, commenter: Commenter | None, at: datetime) -> Standing:
    """One query. "Recent" is the last TRUST_WINDOW_DAYS; a decision is a moderator's."""
    if commenter is None:
        return Standing(approved=0, recent_decided=0, recent_bad=0)
    since = at - timedelta(days=comments_setting("TRUST_WINDOW_DAYS"))
    decided = Q(decided_at__gte=since, status__in=[Status.APPROVED, Status.REJECTED, Status.SPAM])
    counts = Comment.objects.filter(commenter=commenter).aggregate(
        approved=Count("id", filter=Q(status=Status.APPROVED)),
        recent_decided=Count("id", filter=decided),
        recent_bad=Count("id", filter=decided & Q(status__in=[Status.REJECTED, Status.SPAM])),
    )
    return Standing(**counts)


def _refuse_if_over_rates(*, ip: str | None, email: str) -> None:
    message = _("أرسلت تعليقات كثيرة في وقت قصير. انتظر قليلًا ثم أعد المحاولة؛ "
                "نصّك محفوظ في النموذج.")
    if ip and not rate_hit(scope="ip", key=ip, rates=rates_parse(comments_setting("RATE_PER_IP"))):
        raise CommentRefused("rate_ip", message, http_status=429)
    if not rate_hit(scope="email", key=email,
                    rates=rates_parse(comments_setting("RATE_PER_EMAIL"))):
        raise CommentRefused("rate_email", message, http_status=429)


def _refuse_if_banned(*, commenter: Commenter | None, ip: str | None, at: datetime) -> None:
    banned = commenter is not None and commenter.is_banned
    if not banned and ip:
        banned = BannedAddress.objects.filter(ip_address=ip, until__gt=at).exists()
    if banned:
        raise CommentRefused("banned", _("لا يمكن قبول تعليقات منك على هذا الموقع."),
                             http_status=403)


def _refuse_if_malformed(*, name: str, body: str) -> None:
    if not name:
        raise CommentRefused("name", _("اكتب اسمك."), field="name")
    if len(name) > comments_setting("MAX_NAME_LENGTH"):
        raise CommentRefused("name", _("الاسم أطول من المسموح."), field="name")
    if len(body) < comments_setting("MIN_LENGTH"):
        raise CommentRefused("short", _("التعليق قصير جدًا."), field="body")
    maximum = comments_setting("MAX_LENGTH")
    if len(body) > maximum:
        raise CommentRefused("long", _("التعليق أطول من %(max)s حرف (فيه %(n)s).")
                             % {"max": maximum, "n": len(body)}, field="body")
    if link_count(body) > comments_setting("MAX_LINKS"):
        raise CommentRefused("links", _("في التعليق روابط أكثر من المسموح (%(max)s).")
                             % {"max": comments_setting("MAX_LINKS")}, field="body")


def _refuse_if_duplicate(*, article: Article, email: str, ip: str | None, fingerprint: str,
                         at: datetime) -> None:
    """The same text again, on the same article or from the same reader, recently. Two
    identical posts racing each other are caught by a short lock in the cache."""
    since = at - timedelta(hours=comments_setting("DUPLICATE_WINDOW_HOURS"))
    same_source = Q(article=article) | Q(commenter__email=email)
    if ip:
        same_source |= Q(ip_address=ip)
    message = _("نُشر تعليق مطابق لهذا قبل قليل.")
    if Comment.objects.filter(same_source, body_hash=fingerprint, created_at__gte=since).exists():
        raise CommentRefused("duplicate", message, field="body")
    for key in (f"a{article.pk}", f"e{email}"):
        if not cache.add(f"comments:dup:{fingerprint}:{key}", 1, timeout=60):
            raise CommentRefused("duplicate", message, field="body")


def _file(*, mode: str, suspect: list, score: float | None, standing: Standing,
          is_proven: bool) -> tuple[str, str]:
    """Where a new comment goes, and why: (status, held_for)."""
    if suspect:
        return Status.PENDING, "suspect: " + "، ".join(e.text for e in suspect)[:100]
    if score is not None and score >= comments_setting("SPAM_THRESHOLD"):
        return Status.SPAM, f"spam score {score:.2f}"
    if standing.is_demoted:
        return Status.PENDING, "demoted"
    if is_proven and standing.has_enough_approved:
        return Status.APPROVED, ""
    if mode == Mode.POST and (standing.approved > 0
                              or not comments_setting("NEW_COMMENTERS_PREMODERATED")):
        return Status.APPROVED, ""
    return Status.PENDING, "new commenter" if mode == Mode.POST else "pre-moderation"


def comment_post(*, article: Article, name: str, email: str, body: str,
                 parent_id: int | None = None, ip: str | None = None, user_agent: str = "",
                 user: User | None = None, proven_commenter_id: int | None = None,
                 at: datetime | None = None) -> Comment:
    """A reader's comment, filed as approved, pending or spam; CommentRefused when it is
    not accepted (nothing is stored then).

    `proven_commenter_id` is the commenter this browser proved to be (signed cookie set
    by the emailed link); a logged-in user is proven for their own account's email."""
    at = at or timezone.now()
    policy = comment_policy(article=article, at=at)
    if not policy.is_open:
        raise CommentRefused("closed", _("التعليقات مغلقة على هذا المقال."), http_status=403)
    email = email.strip().lower()
    original = body
    body, name = text_clean(body), name_clean(name)
    # Shape first (no database, and a reader fixing a typo should not use up a rate).
    _refuse_if_malformed(name=name, body=body)
    _refuse_if_over_rates(ip=ip, email=email)
    parent = None
    if parent_id:
        parent = (Comment.objects.filter(pk=parent_id, article=article, status=Status.APPROVED)
                  .only("id", "parent_id").first())
        if parent is None:
            raise CommentRefused("parent", _("التعليق الذي ترد عليه لم يعد منشورًا."))
    commenter = Commenter.objects.filter(email=email).first()
    _refuse_if_banned(commenter=commenter, ip=ip, at=at)

    matches = wordlist_matches(f"{name}\n{body}")
    if any(m.kind == "banned" for m in matches):
        raise CommentRefused("banned_word", _("في التعليق أو الاسم كلمات غير مسموح بها. "
                                              "عدّله ثم أرسله."), field="body")
    fingerprint = body_fingerprint(body)
    _refuse_if_duplicate(article=article, email=email, ip=ip, fingerprint=fingerprint, at=at)

    score = spam_score(spam_features(body))
    standing = commenter_standing(commenter=commenter, at=at)
    is_account = bool(user is not None and user.is_authenticated
                      and getattr(user, "email", "").lower() == email)
    is_proven = is_account or (commenter is not None and commenter.email_verified_at is not None
                               and proven_commenter_id == commenter.pk)
    status, held_for = _file(mode=policy.mode, suspect=matches, score=score, standing=standing,
                             is_proven=is_proven)

    with transaction.atomic():
        if commenter is None:
            commenter, _made = Commenter.objects.get_or_create(
                email=email, defaults={"name": name, "created_at": at})
        updates = {}
        if commenter.name != name:
            updates["name"] = name
        if is_account and commenter.user_id is None:
            updates["user_id"] = user.pk
        if updates:
            Commenter.objects.filter(pk=commenter.pk).update(**updates)
        comment = Comment.objects.create(
            article=article, commenter=commenter, name=name, body=body,
            body_original=original if text_had_hidden(original) else "",
            body_hash=fingerprint, status=status, held_for=held_for, spam_score=score,
            parent_id=(parent.parent_id or parent.pk) if parent else None,
            ip_address=ip or None, user_agent=user_agent[:300], created_at=at,
            published_at=at if status == Status.APPROVED else None,
        )
        if status == Status.APPROVED:
            _announce(article, [comment])
        else:
            transaction.on_commit(notifications.queue_notify)
        if (comments_setting("VERIFY_EMAILS") and not commenter.is_verified and not is_account):
            transaction.on_commit(lambda: commenter_verification_send(commenter=commenter))
    return comment


def comment_add(*, article: Article, name: str, email: str, body: str,
                parent: Comment | None = None, at: datetime | None = None,
                status: str = Status.APPROVED) -> Comment:
    """A comment entered by the system (demo content, imports from another platform):
    cleaned like a reader's, without the reader checks."""
    at = at or timezone.now()
    with transaction.atomic():
        commenter, _made = Commenter.objects.get_or_create(
            email=email.strip().lower(), defaults={"name": name_clean(name), "created_at": at})
        body = text_clean(body)
        comment = Comment.objects.create(
            article=article, commenter=commenter, name=name_clean(name), body=body,
            body_hash=body_fingerprint(body), status=status, created_at=at,
            parent_id=(parent.parent_id or parent.pk) if parent else None,
            published_at=at if status == Status.APPROVED else None,
        )
        if status == Status.APPROVED:
            _announce(article, [comment])
    return comment


_TARGET = {Action.APPROVE: Status.APPROVED, Action.REJECT: Status.REJECTED,
           Action.SPAM: Status.SPAM, Action.BAN: Status.REJECTED}
_LEARN = {Status.APPROVED: "ham", Status.SPAM: "spam", Status.REJECTED: ""}


def _decide(comment: Comment, *, action: str, by: User | None, at: datetime,
            note: str = "") -> bool:
    """Move one comment; False when it is already there (nothing recorded)."""
    to_status = _TARGET[action]
    from_status = comment.status
    if from_status == to_status and not comment.is_reported and action != Action.BAN:
        return False
    fields = {"status": to_status, "decided_at": at, "is_reported": False}
    if to_status == Status.APPROVED:
        fields.update(published_at=comment.published_at or at, report_count=0, held_for="")
    Comment.objects.filter(pk=comment.pk).update(**fields)
    for name, value in fields.items():
        setattr(comment, name, value)
    ModerationDecision.objects.create(comment=comment, action=action, from_status=from_status,
                                      to_status=to_status, by=by, at=at, note=note[:300])
    spam_learn(comment=comment, label=_LEARN[to_status])
    return True


def comments_moderate(*, comments: Iterable[Comment], action: str, by: User | None,
                      note: str = "") -> int:
    """Approve, reject or mark spam, one comment or many, in one transaction. Returns how
    many changed. Readers' view changes are announced once per article after commit."""
    _require(by, "comments.moderate_comment")
    if action not in (Action.APPROVE, Action.REJECT, Action.SPAM):
        raise ValueError(f"Unknown moderation action: {action!r}")
    at = timezone.now()
    changed = 0
    touched: dict[int, tuple[Article, list[Comment]]] = {}
    with transaction.atomic():
        for comment in comments:
            was_visible = comment.status == Status.APPROVED
            if not _decide(comment, action=action, by=by, at=at, note=note):
                continue
            changed += 1
            if was_visible != (comment.status == Status.APPROVED):
                entry = touched.setdefault(comment.article_id, (comment.article, []))
                if comment.status == Status.APPROVED:
                    entry[1].append(comment)
        for article, approved in touched.values():
            _announce(article, approved)
    return changed


def comment_moderate(*, comment: Comment, action: str, by: User | None, note: str = "") -> bool:
    return comments_moderate(comments=[comment], action=action, by=by, note=note) == 1


def commenters_ban(*, comments: Iterable[Comment], by: User | None) -> int:
    """Ban the writers of these comments: they cannot comment again, nor can the
    addresses they wrote from for BAN_ADDRESS_DAYS. These comments and everything they
    still have waiting in the queue are rejected. Returns how many commenters."""
    _require(by, "comments.ban_commenter")
    _require(by, "comments.moderate_comment")
    at = timezone.now()
    until = at + timedelta(days=comments_setting("BAN_ADDRESS_DAYS"))
    comments = list(comments)
    commenter_ids = {c.commenter_id for c in comments}
    with transaction.atomic():
        Commenter.objects.filter(pk__in=commenter_ids).update(is_banned=True, banned_at=at)
        addresses = {(c.commenter_id, c.ip_address) for c in comments if c.ip_address}
        BannedAddress.objects.bulk_create(
            BannedAddress(ip_address=ip, until=until, commenter_id=cid, created_at=at)
            for cid, ip in addresses)
        waiting = Comment.objects.filter(commenter_id__in=commenter_ids, status=Status.PENDING)
        touched: dict[int, Article] = {}
        for comment in {c.pk: c for c in [*comments, *waiting.select_related("article")]}.values():
            was_visible = comment.status == Status.APPROVED
            if _decide(comment, action=Action.BAN, by=by, at=at) and was_visible:
                touched[comment.article_id] = comment.article
        for article in touched.values():
            _announce(article)
    return len(commenter_ids)


def commenter_unban(*, commenter: Commenter, by: User | None) -> None:
    _require(by, "comments.ban_commenter")
    with transaction.atomic():
        Commenter.objects.filter(pk=commenter.pk).update(is_banned=False, banned_at=None)
        BannedAddress.objects.filter(commenter=commenter).delete()
    commenter.is_banned, commenter.banned_at = False, None


def reporter_key(ip: str) -> str:
    """A reader's identity for reports: a keyed hash of the address (not stored raw)."""
    return salted_hmac("jarida.comments.report", ip).hexdigest()


def comment_report(*, comment: Comment, reporter: str, reason: str,
                   at: datetime | None = None) -> bool:
    """A reader reports a published comment. Each reader counts once per comment; at
    REPORTS_TO_REQUEUE reports since the last review, the comment leaves the page and
    goes back to the moderators' "reported" folder. True when the report was new."""
    at = at or timezone.now()
    if comment.status != Status.APPROVED:
        return False
    with transaction.atomic():
        try:
            with transaction.atomic():
                CommentReport.objects.create(comment=comment, reporter_key=reporter,
                                             reason=reason, created_at=at)
        except IntegrityError:
            return False
        Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
        threshold = comments_setting("REPORTS_TO_REQUEUE")
        requeued = Comment.objects.filter(
            pk=comment.pk, status=Status.APPROVED, report_count__gte=threshold,
        ).update(status=Status.PENDING, is_reported=True, held_for="reported")
        if requeued:
            ModerationDecision.objects.create(
                comment=comment, action=Action.REPORTED, from_status=Status.APPROVED,
                to_status=Status.PENDING, by=None, at=at,
                note=_("%(n)s بلاغات") % {"n": threshold})
            _announce(comment.article)
            transaction.on_commit(notifications.queue_notify)
    return True


def commenter_verification_send(*, commenter: Commenter) -> bool:
    """Mail the link that proves the address, at most once a week per commenter."""
    now = timezone.now()
    sent = Commenter.objects.filter(
        Q(verification_sent_at__isnull=True) | Q(verification_sent_at__lt=now - timedelta(days=7)),
        pk=commenter.pk, email_verified_at__isnull=True,
    ).update(verification_sent_at=now)
    if sent:
        notifications.verification_send(commenter=commenter)
    return bool(sent)


def commenter_verify(*, token: str) -> Commenter | None:
    """The commenter whose emailed link this is, now verified; None for a bad link."""
    found = verify_token_read(token)
    if found is None:
        return None
    commenter_id, email = found
    commenter = Commenter.objects.filter(pk=commenter_id, email=email).first()
    if commenter is not None and commenter.email_verified_at is None:
        commenter.email_verified_at = timezone.now()
        Commenter.objects.filter(pk=commenter.pk).update(
            email_verified_at=commenter.email_verified_at)
    return commenter
