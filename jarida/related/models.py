"""Stored related lists, what they are computed from, and near-duplicate flags.

Everything here except `RelatedChoice` and the editors' decisions on `DuplicateFlag` is
derived data: `rebuild_related` recomputes it from the articles (ADR 0040, 0041).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jarida.newsroom.models import Article


class TermStat(models.Model):
    """Document frequency of one analyzed term over the profiled (published) articles,
    kept up to date as articles are profiled and removed."""

    term = models.CharField(max_length=64, primary_key=True)
    df = models.IntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.term}: {self.df}"


class ArticleProfile(models.Model):
    """What related lists and the duplicate check know of one published article."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True,
                                   related_name="related_profile")
    content_hash = models.CharField(max_length=32)
    # The article's whole tf-idf vector (text.vector_pack: zlib of "term<TAB>weight"
    # lines): the cosine of the blend, and the old terms a correction or a removal takes
    # off the document frequencies exactly.
    terms_blob = models.BinaryField()
    signature = models.BinaryField()  # MinHash: NUM_PERM little-endian uint32
    shingle_count = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"profile of {self.article_id}"


class ArticleKeyTerm(models.Model):
    """One of an article's most distinctive terms, weighted (unit-length vector).
    Candidates for a related list are the articles sharing key terms, found by term."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    term = models.CharField(max_length=64)
    weight = models.FloatField()

    class Meta:
        indexes = [models.Index(fields=["term", "article"], name="related_keyterm_term")]
        constraints = [models.UniqueConstraint(fields=["article", "term"],
                                               name="related_keyterm_once")]

    def __str__(self) -> str:
        return f"{self.article_id}: {self.term} ({self.weight:.3f})"


class DuplicateBand(models.Model):
    """One LSH band key of an article's MinHash signature (BANDS rows per article)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    key = models.BigIntegerField(db_index=True)

    def __str__(self) -> str:
        return f"{self.article_id}: {self.key}"


class RelatedArticle(models.Model):
    """One computed entry of an article's related list, best first."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_entries")
    related = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField()
    score = models.FloatField()
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(fields=["article", "related"], name="related_entry_once"),
            models.CheckConstraint(condition=~Q(article=F("related")), name="related_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} → {self.related_id} ({self.score:.3f})"


class RelatedChoice(models.Model):
    """An editor's choice for one article's list: pin an article (pins come first, in
    order) or exclude one (never shown there)."""

    class Kind(models.TextChoices):
        PIN = "pin", _("تثبيت")
        EXCLUDE = "exclude", _("استبعاد")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_choices")
    other = models.ForeignKey(Article, verbose_name=_("المقال"), on_delete=models.CASCADE,
                              related_name="+")
    kind = models.CharField(_("الإجراء"), max_length=10, choices=Kind.choices, default=Kind.PIN)
    position = models.PositiveSmallIntegerField(_("الترتيب"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("اختيار للأخبار ذات الصلة")
        verbose_name_plural = _("أخبار ذات صلة: تثبيت واستبعاد")
        constraints = [
            models.UniqueConstraint(fields=["article", "other"], name="related_choice_once"),
            models.CheckConstraint(condition=~Q(article=F("other")),
                                   name="related_choice_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.other_id}"


class DuplicateFlag(models.Model):
    """`article` nearly duplicates the earlier `original`; an editor decides."""

    class Status(models.TextChoices):
        PENDING = "pending", _("بانتظار القرار")
        SAME_STORY = "same_story", _("الخبر نفسه")
        NOT_DUPLICATE = "not_duplicate", _("ليس مكررًا")

    article = models.ForeignKey(Article, verbose_name=_("المقال"), on_delete=models.CASCADE,
                                related_name="duplicate_flags")
    original = models.ForeignKey(Article, verbose_name=_("الأصل"), on_delete=models.CASCADE,
                                 related_name="copies_flagged")
    similarity = models.FloatField(_("التشابه"))
    containment = models.FloatField(_("نسبة الاحتواء"), default=0)
    status = models.CharField(_("القرار"), max_length=20, choices=Status.choices,
                              default=Status.PENDING, db_index=True)
    created_at = models.DateTimeField(_("رُصد في"), default=timezone.now)
    decided_at = models.DateTimeField(_("وقت القرار"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("قرّره"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("خبر مكرر محتمل")
        verbose_name_plural = _("الأخبار المكررة المحتملة")
        constraints = [
            models.UniqueConstraint(fields=["article", "original"], name="duplicate_pair_once"),
            models.CheckConstraint(condition=~Q(article=F("original")),
                                   name="duplicate_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} ≈ {self.original_id} ({self.similarity:.0%})"
