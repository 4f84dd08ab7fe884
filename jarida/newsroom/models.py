"""The newsroom's content model: sections, authors, tags and articles.

Vocabulary is defined in docs/glossary.md. Every state change of an article goes through
`jarida.newsroom.services`; this module only describes the data and the one definition
of "published" (`ArticleQuerySet.published`).
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

SLUG_MAX_CHARS = 80
# First path segments that belong to the site itself, so no section may take them.
RESERVED_SLUGS = frozenset({
    "a", "admin", "api", "authors", "tags", "search", "feeds", "feed", "sitemap.xml",
    "sitemaps", "robots.txt", "static", "media", "comments", "healthz", "newsroom",
})


def validate_section_slug(value: str) -> None:
    if value.lower() in RESERVED_SLUGS:
        raise ValidationError(_("هذا المعرّف محجوز للموقع؛ اختر غيره."))


def reader_url(name: str, **kwargs) -> str:
    """`reverse(name, kwargs=kwargs)` for the reader site's own pages, remembered: a home
    page or a sitemap reverses hundreds of them. Everything the answer depends on is the
    key: the arguments, the URLconf and the script prefix."""
    return _reader_url(name, tuple(sorted(kwargs.items())), settings.ROOT_URLCONF,
                       get_urlconf(), get_script_prefix())


@lru_cache(maxsize=16384)
def _reader_url(name: str, kwargs: tuple, root_urlconf: str, urlconf, prefix: str) -> str:
    return reverse(name, kwargs=dict(kwargs))


class Section(models.Model):
    name = models.CharField(_("الاسم"), max_length=100)
    slug = models.SlugField(_("المعرّف في الرابط"), max_length=SLUG_MAX_CHARS, unique=True,
                            allow_unicode=True, validators=[validate_section_slug])
    parent = models.ForeignKey("self", verbose_name=_("القسم الأب"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    position = models.PositiveIntegerField(_("الترتيب"), default=0)
    description = models.TextField(_("الوصف"), blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("قسم")
        verbose_name_plural = _("الأقسام")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reader_url("site:section", section_slug=self.slug)


class Author(models.Model):
    """A public byline profile. Separate from login accounts; linkable to one."""

    name = models.CharField(_("الاسم"), max_length=120)
    slug = models.SlugField(_("المعرّف في الرابط"), max_length=SLUG_MAX_CHARS, unique=True,
                            allow_unicode=True)
    bio = models.TextField(_("نبذة"), blank=True)
    photo = models.ImageField(_("الصورة"), upload_to="authors/", blank=True)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("حساب الدخول"),
                                null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="author")

    class Meta:
        ordering = ["name"]
        verbose_name = _("كاتب")
        verbose_name_plural = _("الكتّاب")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reader_url("site:author", author_slug=self.slug)


class Tag(models.Model):
    name = models.CharField(_("الاسم"), max_length=100)
    slug = models.SlugField(_("المعرّف في الرابط"), max_length=SLUG_MAX_CHARS, unique=True,
                            allow_unicode=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("وسم")
        verbose_name_plural = _("الوسوم")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reader_url("site:tag", tag_slug=self.slug)


def published_q(*, through: str = "", at: timezone.datetime | None = None) -> Q:
    """`published()` as a condition, for filtering rows that point at an article
    (`through="related__"`) with a join instead of a subquery of every public id."""
    return Q(**{f"{through}status": Article.Status.PUBLISHED,
                f"{through}published_at__lte": at or timezone.now()})


class ArticleQuerySet(models.QuerySet):
    def published(self, *, at: timezone.datetime | None = None) -> ArticleQuerySet:
        """The one definition of what readers may see.

        Published (or corrected) articles whose publication time has come. A scheduled
        article is a published one with a future `published_at`: it appears by itself
        when its time comes, without any job running.
        """
        return self.filter(published_q(at=at))

    def for_listing(self) -> ArticleQuerySet:
        """What every list of article cards needs (cards show section and date, not
        authors), in one query."""
        return self.select_related("section")


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("مسودة")
        REVIEW = "review", _("قيد المراجعة")
        PUBLISHED = "published", _("منشور")
        UNPUBLISHED = "unpublished", _("أُلغي نشره")

    headline = models.CharField(_("العنوان"), max_length=300)
    slug = models.SlugField(_("المعرّف في الرابط"), max_length=SLUG_MAX_CHARS, allow_unicode=True,
                            help_text=_("يُولَّد من العنوان إن تُرك فارغًا. الحد ٨٠ حرفًا."),
                            blank=True)
    standfirst = models.TextField(_("المقدمة"), blank=True)
    body = models.TextField(_("المتن"), blank=True,
                            help_text=_("نص منسق؛ يُنقّى من أي وسم غير مسموح عند الحفظ."))
    hero_image = models.ImageField(_("الصورة الرئيسية"), upload_to="articles/%Y/%m/", blank=True)
    hero_caption = models.CharField(_("تعليق الصورة"), max_length=300, blank=True)
    hero_credit = models.CharField(_("مصدر الصورة"), max_length=200, blank=True)
    section = models.ForeignKey(Section, verbose_name=_("القسم"), on_delete=models.PROTECT,
                                related_name="articles")
    authors = models.ManyToManyField(Author, verbose_name=_("الكتّاب"), through="ArticleAuthor",
                                     related_name="articles", blank=True)
    byline = models.CharField(_("سطر التوقيع الحر"), max_length=200, blank=True,
                              help_text=_("مثال: القاهرة - مراسل جريدة. يظهر بدل الكتّاب أو معهم."))
    tags = models.ManyToManyField(Tag, verbose_name=_("الوسوم"), related_name="articles",
                                  blank=True)
    source_credit = models.CharField(_("المصدر"), max_length=200, blank=True,
                                     help_text=_("مثال: وكالة أنباء."))
    is_breaking = models.BooleanField(_("خبر عاجل"), default=False)
    allow_comments = models.BooleanField(_("السماح بالتعليقات"), default=True)
    status = models.CharField(_("الحالة"), max_length=20, choices=Status.choices,
                              default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField(_("وقت النشر"), null=True, blank=True)
    created_at = models.DateTimeField(_("أنشئ في"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("آخر تعديل"), default=timezone.now, editable=False)
    corrected_at = models.DateTimeField(_("وقت التصحيح"), null=True, blank=True, editable=False)
    correction_note = models.TextField(_("نص التصحيح"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("أنشأه"), null=True,
                                   blank=True, on_delete=models.SET_NULL, editable=False,
                                   related_name="+")
    # NULL, not "": the unique constraint must allow any number of articles with none.
    external_id = models.CharField(_("المعرّف الخارجي"), max_length=200, null=True,  # noqa: DJ001
                                   blank=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("مقال")
        verbose_name_plural = _("المقالات")
        permissions = [
            ("publish_article", _("نشر المقالات وجدولتها")),
            ("unpublish_article", _("إلغاء نشر المقالات")),
            ("correct_article", _("تصحيح المقالات المنشورة")),
            ("edit_any_article", _("تحرير مقالات الآخرين")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_time",
            ),
            models.UniqueConstraint(fields=["external_id"], condition=Q(external_id__isnull=False),
                                    name="article_unique_external_id"),
        ]
        indexes = [
            models.Index(fields=["status", "published_at"], name="article_status_pub"),
            models.Index(fields=["section", "status", "published_at"], name="article_section_pub"),
            models.Index(fields=["is_breaking", "status", "published_at"],
                         name="article_breaking_pub"),
        ]

    def __str__(self) -> str:
        return self.headline

    def get_absolute_url(self) -> str:
        return reader_url("site:article", section_slug=self.section.slug, pk=self.pk,
                          slug=self.slug or "-")

    @property
    def state(self) -> str:
        """The editorial state shown to editors: the stored status, with a published
        article further told apart as scheduled (time not come) or corrected."""
        if self.status == self.Status.PUBLISHED:
            if self.published_at and self.published_at > timezone.now():
                return "scheduled"
            if self.corrected_at:
                return "corrected"
        return self.status

    def is_public(self, *, at: timezone.datetime | None = None) -> bool:
        """`published()` for one article already in hand: the same rule, row by row
        (tests hold the two to agree for every state)."""
        return (self.status == self.Status.PUBLISHED and self.published_at is not None
                and self.published_at <= (at or timezone.now()))

    @property
    def is_corrected(self) -> bool:
        return self.corrected_at is not None

    @cached_property
    def ordered_authors(self) -> list[Author]:
        """Authors in byline order: from a prefetch of `article_authors` when the query
        made one (listings, feeds), else read with the tags in one query."""
        if "article_authors" in getattr(self, "_prefetched_objects_cache", {}):
            links = sorted(self.article_authors.all(), key=lambda link: (link.position, link.pk))
            return [link.author for link in links]
        return self._byline_and_tags()[0]

    @cached_property
    def tag_list(self) -> list[Tag]:
        """The tags by name, read once however many parts of a page show them: from a
        prefetch when the query made one, else with the authors in one query."""
        if "tags" in getattr(self, "_prefetched_objects_cache", {}):
            return list(self.tags.all())
        return self._byline_and_tags()[1]

    def _byline_and_tags(self) -> tuple[list[Author], list[Tag]]:
        from jarida.newsroom.selectors import article_byline_and_tags

        authors, tags = article_byline_and_tags(article_id=self.pk, using=self._state.db or "default")
        self.__dict__.setdefault("ordered_authors", authors)
        self.__dict__.setdefault("tag_list", tags)
        return authors, tags

    @cached_property
    def body_text(self) -> str:
        from jarida.newsroom.bodies import body_to_text

        return body_to_text(self.body)

    @cached_property
    def word_count(self) -> int:
        return len(self.body_text.split())

    @property
    def reading_minutes(self) -> int:
        """Arabic readers average about 180 words a minute in news prose."""
        return max(1, round(self.word_count / 180))


class ArticleAuthor(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey(Author, verbose_name=_("الكاتب"), on_delete=models.PROTECT,
                               related_name="article_links")
    position = models.PositiveSmallIntegerField(_("الترتيب"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("كاتب المقال")
        verbose_name_plural = _("كتّاب المقال")
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="article_author_once"),
        ]

    def __str__(self) -> str:
        return str(self.author)


class ArticleTransition(models.Model):
    """One step of the editorial workflow: who moved the article from which state to which."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(_("من"), max_length=20)
    to_state = models.CharField(_("إلى"), max_length=20)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("بواسطة"), null=True,
                           blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("في"), default=timezone.now)
    note = models.TextField(_("ملاحظة"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("انتقال في سير العمل")
        verbose_name_plural = _("سجل سير العمل")

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"


class ArticleRevision(models.Model):
    """A saved version of an article's text, so editors can see what changed."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    created_at = models.DateTimeField(_("في"), default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("بواسطة"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    headline = models.CharField(max_length=300)
    standfirst = models.TextField(blank=True)
    body = models.TextField(blank=True)
    correction_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("نسخة")
        verbose_name_plural = _("النسخ")

    def __str__(self) -> str:
        return f"{self.headline} ({self.created_at:%Y-%m-%d %H:%M})"


class Redirect(models.Model):
    """An old path (from a previous slug scheme or an import) that answers 301 to an article."""

    old_path = models.CharField(_("المسار القديم"), max_length=500, unique=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="redirects")

    class Meta:
        verbose_name = _("تحويل")
        verbose_name_plural = _("التحويلات")

    def __str__(self) -> str:
        return self.old_path
