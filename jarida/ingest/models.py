"""What the importers remember: which outside item became which local object, and the
feeds the newsroom follows.

`ImportedItem` is the mapping that makes every import idempotent: an item is known by
(source, kind, remote id), so a second run finds it and compares fingerprints instead of
creating it again. See docs/decisions/0065-wordpress-import.md and 0066-feed-import.md.
"""

from __future__ import annotations

from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jarida.newsroom.models import Article, Section


class ImportedItem(models.Model):
    """One outside item (a WordPress post, author, category, tag or comment, or a feed
    entry) and the local object it became.

    `article` is set for posts and feed entries; `object_id` holds the local primary key
    of an author, section, tag or comment. When an editor deletes an imported article the
    row stays with `article` empty, so the next run skips the item instead of bringing it
    back.
    """

    class Kind(models.TextChoices):
        POST = "post", _("مقال")
        AUTHOR = "author", _("كاتب")
        CATEGORY = "category", _("تصنيف")
        TAG = "tag", _("وسم")
        COMMENT = "comment", _("تعليق")
        FEED_ENTRY = "feed_entry", _("عنصر موجز")

    source = models.CharField(_("المصدر"), max_length=300,
                              help_text=_("مثال: wordpress:example.com أو feed:3"))
    kind = models.CharField(_("النوع"), max_length=20, choices=Kind.choices)
    remote_id = models.CharField(_("المعرّف في المصدر"), max_length=500)
    article = models.ForeignKey(Article, verbose_name=_("المقال"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="imported_from")
    object_id = models.PositiveBigIntegerField(_("معرّف الكائن المحلي"), null=True, blank=True)
    link = models.CharField(_("الرابط الأصلي"), max_length=1000, blank=True)
    image_url = models.CharField(_("رابط الصورة الرئيسية"), max_length=1000, blank=True,
                                 help_text=_("الصورة البارزة في المصدر، تُحفظ مرجعًا."))
    fingerprint = models.CharField(_("بصمة المحتوى"), max_length=64)
    imported_at = models.DateTimeField(_("استورد في"), default=timezone.now)
    updated_at = models.DateTimeField(_("آخر تحديث"), default=timezone.now)

    class Meta:
        verbose_name = _("عنصر مستورد")
        verbose_name_plural = _("العناصر المستوردة")
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "remote_id"],
                                    name="imported_item_once"),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.kind} {self.remote_id}"


class FeedSource(models.Model):
    """An RSS or Atom feed the newsroom follows: where its items land and how they are
    credited. Items are upserted on their guid (see jarida.ingest.feeds)."""

    class PublishMode(models.TextChoices):
        DRAFT = "draft", _("مسودات للمراجعة")
        PUBLISHED = "published", _("نشر مباشر")

    url = models.CharField(_("رابط الموجز"), max_length=1000, unique=True,
                           validators=[URLValidator(schemes=["http", "https"])],
                           help_text=_("http أو https؛ الملفات المحلية من سطر الأوامر فقط."))
    name = models.CharField(_("الاسم"), max_length=200, blank=True)
    publish_mode = models.CharField(_("طريقة النشر"), max_length=20, choices=PublishMode.choices,
                                    default=PublishMode.DRAFT)
    source_credit = models.CharField(_("نسبة المصدر"), max_length=200, blank=True,
                                     help_text=_("يظهر في حقل المصدر لكل مقال من هذا الموجز."))
    section = models.ForeignKey(Section, verbose_name=_("القسم"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    is_active = models.BooleanField(_("مفعّل"), default=True)
    fetch_full_text = models.BooleanField(
        _("جلب النص الكامل"), default=True,
        help_text=_("حين لا يحمل الموجز إلا ملخصًا، يُستخرج النص من صفحة المقال."))
    last_polled_at = models.DateTimeField(_("آخر جلب"), null=True, blank=True)
    etag = models.CharField(max_length=300, blank=True)
    modified = models.CharField(max_length=100, blank=True)
    last_error = models.TextField(_("آخر خطأ"), blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("موجز متابع")
        verbose_name_plural = _("الموجزات المتابعة")
        constraints = [
            models.CheckConstraint(condition=Q(publish_mode__in=["draft", "published"]),
                                   name="feed_source_publish_mode"),
        ]

    def __str__(self) -> str:
        return self.name or self.url

    @property
    def credit(self) -> str:
        return self.source_credit or self.name
