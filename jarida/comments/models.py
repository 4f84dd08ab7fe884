"""Reader comments: the comments themselves, who wrote them, and how they are moderated.

Every change of a comment's status goes through `jarida.comments.services`; this module
only describes the data. The newsroom's models are not touched: per-section and
per-article settings live in `CommentPolicy`, which points at them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jarida.newsroom.models import Article, Section


class Mode(models.TextChoices):
    PRE = "pre", _("مراجعة قبل النشر")
    POST = "post", _("النشر ثم المراجعة")


class Commenter(models.Model):
    """A reader who comments, known by email address (lowercased). The email is never
    shown; `email_verified_at` is set when the reader follows the link mailed to them."""

    email = models.EmailField(_("البريد الإلكتروني"), max_length=254, unique=True)
    name = models.CharField(_("آخر اسم استعمله"), max_length=120, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("حساب الدخول"), null=True,
                             blank=True, on_delete=models.SET_NULL, related_name="commenters")
    email_verified_at = models.DateTimeField(_("تحقق من بريده في"), null=True, blank=True)
    verification_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_banned = models.BooleanField(_("محظور"), default=False)
    banned_at = models.DateTimeField(_("حُظر في"), null=True, blank=True)
    created_at = models.DateTimeField(_("أول تعليق"), default=timezone.now)

    class Meta:
        verbose_name = _("معلّق")
        verbose_name_plural = _("المعلّقون")
        permissions = [("ban_commenter", _("حظر المعلّقين ورفع الحظر"))]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email

    @property
    def is_verified(self) -> bool:
        return self.email_verified_at is not None or self.user_id is not None


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("بانتظار المراجعة")
        APPROVED = "approved", _("منشور")
        REJECTED = "rejected", _("مرفوض")
        SPAM = "spam", _("رسالة مزعجة")

    article = models.ForeignKey(Article, verbose_name=_("المقال"), on_delete=models.CASCADE,
                                related_name="comments")
    # One level of replies: a reply always points at a top-level comment.
    parent = models.ForeignKey("self", verbose_name=_("ردًا على"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="replies")
    commenter = models.ForeignKey(Commenter, verbose_name=_("المعلّق"), on_delete=models.CASCADE,
                                  related_name="comments")
    name = models.CharField(_("الاسم"), max_length=120)
    body = models.TextField(_("النص"))
    # What the reader sent, kept only when cleaning changed it (bidi overrides, control
    # characters), so a moderator can see what was attempted.
    body_original = models.TextField(_("النص كما أُرسل"), blank=True)
    body_hash = models.CharField(max_length=64, editable=False)
    status = models.CharField(_("الحالة"), max_length=10, choices=Status.choices,
                              default=Status.PENDING)
    held_for = models.CharField(_("سبب الحجز"), max_length=120, blank=True)
    spam_score = models.FloatField(_("درجة الإزعاج"), null=True, blank=True)
    trained_as = models.CharField(max_length=4, blank=True, editable=False)
    report_count = models.PositiveIntegerField(_("بلاغات منذ آخر مراجعة"), default=0)
    is_reported = models.BooleanField(_("أعادته البلاغات للمراجعة"), default=False)
    ip_address = models.GenericIPAddressField(_("عنوان IP"), null=True, blank=True)
    user_agent = models.CharField(_("المتصفح"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("أُرسل في"), default=timezone.now)
    published_at = models.DateTimeField(_("نُشر في"), null=True, blank=True)
    decided_at = models.DateTimeField(_("آخر قرار في"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("تعليق")
        verbose_name_plural = _("التعليقات")
        permissions = [("moderate_comment", _("مراجعة التعليقات: نشر ورفض ووسم بالإزعاج"))]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=["pending", "approved", "rejected",
                                                           "spam"]),
                                   name="comment_status_known"),
            models.CheckConstraint(condition=~Q(status="approved") | Q(published_at__isnull=False),
                                   name="comment_approved_has_time"),
        ]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_article_status"),
            models.Index(fields=["status", "created_at"], name="comment_queue"),
            models.Index(fields=["commenter", "status", "decided_at"],
                         name="comment_commenter_status"),
            models.Index(fields=["body_hash", "created_at"], name="comment_duplicates"),
        ]

    def __str__(self) -> str:
        text = " ".join(self.body.split())
        return text[:60] + ("…" if len(text) > 60 else "")

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"


class CommentReport(models.Model):
    """A reader's report. One per reader (by a keyed hash of the address) per comment."""

    class Reason(models.TextChoices):
        ABUSE = "abuse", _("إساءة أو كراهية")
        SPAM = "spam", _("رسالة مزعجة أو إعلان")
        OFF_TOPIC = "off_topic", _("خارج الموضوع")
        OTHER = "other", _("سبب آخر")

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter_key = models.CharField(max_length=64, editable=False)
    reason = models.CharField(_("السبب"), max_length=20, choices=Reason.choices)
    created_at = models.DateTimeField(_("في"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("بلاغ")
        verbose_name_plural = _("البلاغات")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter_key"], name="report_once"),
        ]

    def __str__(self) -> str:
        return self.get_reason_display()


class ModerationDecision(models.Model):
    """One decision about a comment: who moved it from which status to which, and why."""

    class Action(models.TextChoices):
        APPROVE = "approve", _("نشر")
        REJECT = "reject", _("رفض")
        SPAM = "spam", _("وسم بالإزعاج")
        BAN = "ban", _("حظر المعلّق")
        REPORTED = "reported", _("أعادته البلاغات للمراجعة")

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="decisions")
    action = models.CharField(_("القرار"), max_length=10, choices=Action.choices)
    from_status = models.CharField(_("من"), max_length=10)
    to_status = models.CharField(_("إلى"), max_length=10)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("بواسطة"), null=True,
                           blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("في"), default=timezone.now)
    note = models.CharField(_("ملاحظة"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("قرار مراجعة")
        verbose_name_plural = _("سجل المراجعة")

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.from_status} → {self.to_status}"


class BlockedTerm(models.Model):
    """A word or phrase of the word lists. Matched after Arabic normalization, so one
    entry covers its spellings with diacritics, tatweel, hamza forms and elongation."""

    class Kind(models.TextChoices):
        BANNED = "banned", _("محظورة: يُرفض التعليق")
        SUSPECT = "suspect", _("مشبوهة: يُحجز للمراجعة")

    class Match(models.TextChoices):
        STEM = "stem", _("الكلمة وتصريفاتها (مع ال والضمائر والسوابق)")
        EXACT = "exact", _("الكلمة كما كُتبت فقط (بعد التطبيع)")

    text = models.CharField(_("الكلمة أو العبارة"), max_length=100)
    kind = models.CharField(_("النوع"), max_length=10, choices=Kind.choices)
    match = models.CharField(_("المطابقة"), max_length=10, choices=Match.choices,
                             default=Match.STEM)
    created_at = models.DateTimeField(_("أضيفت في"), default=timezone.now)

    class Meta:
        ordering = ["kind", "text"]
        verbose_name = _("كلمة في القوائم")
        verbose_name_plural = _("قوائم الكلمات")
        constraints = [
            models.UniqueConstraint(fields=["text", "kind"], name="blocked_term_once"),
        ]

    def __str__(self) -> str:
        return self.text


class BannedAddress(models.Model):
    """An address banned with a commenter, for a while (addresses change hands)."""

    ip_address = models.GenericIPAddressField(_("عنوان IP"))
    until = models.DateTimeField(_("حتى"))
    commenter = models.ForeignKey(Commenter, verbose_name=_("المعلّق"), null=True, blank=True,
                                  on_delete=models.CASCADE, related_name="banned_addresses")
    created_at = models.DateTimeField(_("في"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("عنوان محظور")
        verbose_name_plural = _("العناوين المحظورة")
        indexes = [models.Index(fields=["ip_address", "until"], name="banned_address_active")]

    def __str__(self) -> str:
        return self.ip_address


class CommentPolicy(models.Model):
    """How comments work for one section (and its subsections) or one article, overriding
    the site's settings. Empty fields inherit: article → section → parent section → site."""

    section = models.OneToOneField(Section, verbose_name=_("القسم"), null=True, blank=True,
                                   on_delete=models.CASCADE, related_name="comment_policy")
    article = models.OneToOneField(Article, verbose_name=_("المقال"), null=True, blank=True,
                                   on_delete=models.CASCADE, related_name="comment_policy")
    mode = models.CharField(_("طريقة المراجعة"), max_length=4, choices=Mode.choices, blank=True,
                            help_text=_("اتركه فارغًا ليرث إعداد القسم أو الموقع."))
    close_after_days = models.PositiveIntegerField(
        _("إغلاق التعليقات بعد (أيام)"), null=True, blank=True,
        help_text=_("اتركه فارغًا ليرث الإعداد؛ ٠ يعني ألا تُغلق تلقائيًا."))

    class Meta:
        verbose_name = _("سياسة التعليقات")
        verbose_name_plural = _("سياسات التعليقات")
        constraints = [
            models.CheckConstraint(
                condition=(Q(section__isnull=False, article__isnull=True)
                           | Q(section__isnull=True, article__isnull=False)),
                name="comment_policy_one_target",
            ),
        ]

    def __str__(self) -> str:
        return str(self.article or self.section)


class SpamTerm(models.Model):
    """How many comments moderators marked spam / approved contained a term (naive Bayes).
    The row with term `DOCS_TERM` holds the number of comments of each class."""

    DOCS_TERM = " docs"  # no analyzed term holds a space

    term = models.CharField(max_length=100, unique=True)
    spam_count = models.PositiveIntegerField(default=0)
    ham_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("مصطلح في مرشّح الإزعاج")
        verbose_name_plural = _("مرشّح الإزعاج")

    def __str__(self) -> str:
        return self.term
