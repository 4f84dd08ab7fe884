"""Related lists and near-duplicates in the admin.

On the article's page (added to the newsroom's ArticleAdmin without touching it): the
editors' pins and exclusions, and the near-duplicate flags with a link to the original.
A list of all flags lets editors decide "same story" or "not a duplicate" (through
`services.duplicate_flag_decide`).
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import jarida.newsroom.admin  # noqa: F401  (registers ArticleAdmin before we extend it)
from jarida.newsroom.models import Article
from jarida.related import services
from jarida.related.models import DuplicateFlag, RelatedChoice


def _article_link(article) -> str:
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    return format_html('<a href="{}">{}</a> <span dir="ltr">#{}</span>', url, article.headline,
                       article.pk)


def _percent(value: float) -> str:
    return f"{round(value * 100)}٪"


class RelatedChoiceInline(admin.TabularInline):
    """Pin an article to this one's "اخبار قد تهمك" (pins first, by order) or exclude one."""

    model = RelatedChoice
    fk_name = "article"
    fields = ["other", "kind", "position"]
    autocomplete_fields = ["other"]
    extra = 0
    verbose_name = gettext_lazy("خبر ذو صلة مثبّت أو مستبعد")
    verbose_name_plural = gettext_lazy("اخبار قد تهمك: تثبيت واستبعاد")


class DuplicateFlagInline(admin.TabularInline):
    """This article nearly duplicates an earlier one: shown, decided on the flag's page."""

    model = DuplicateFlag
    fk_name = "article"
    fields = ["original_link", "similarity_percent", "status", "decide_link"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = gettext_lazy("تكرار محتمل لخبر سابق")
    verbose_name_plural = gettext_lazy("تكرار محتمل لأخبار سابقة")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("original")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("الأصل"))
    def original_link(self, obj: DuplicateFlag) -> str:
        return _article_link(obj.original)

    @admin.display(description=gettext_lazy("التشابه"))
    def similarity_percent(self, obj: DuplicateFlag) -> str:
        return _percent(obj.similarity)

    @admin.display(description=gettext_lazy("الإجراء"))
    def decide_link(self, obj: DuplicateFlag) -> str:
        url = reverse("admin:related_duplicateflag_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("قرّر"))


def _add_inlines(*inlines) -> None:
    """Give the newsroom's article form our inlines without editing the newsroom's code
    (on the registered instance: the admin site registers a subclass of ArticleAdmin)."""
    model_admin = admin.site.get_model_admin(Article)
    model_admin.inlines = [*model_admin.inlines,
                           *(inline for inline in inlines if inline not in model_admin.inlines)]


_add_inlines(RelatedChoiceInline, DuplicateFlagInline)


@admin.register(DuplicateFlag)
class DuplicateFlagAdmin(admin.ModelAdmin):
    list_display = ["article_link", "original_link", "similarity_percent", "status",
                    "created_at"]
    list_filter = ["status", "created_at"]
    list_select_related = ["article", "original"]
    search_fields = ["article__headline", "original__headline"]
    fields = ["article_link", "original_link", "similarity_percent", "containment_percent",
              "created_at", "status", "decided_by", "decided_at"]
    readonly_fields = ["article_link", "original_link", "similarity_percent",
                       "containment_percent", "created_at", "decided_by", "decided_at"]
    actions = ["action_same_story", "action_not_duplicate"]

    @admin.display(description=gettext_lazy("المقال"), ordering="article__headline")
    def article_link(self, obj: DuplicateFlag) -> str:
        return _article_link(obj.article)

    @admin.display(description=gettext_lazy("الأصل"), ordering="original__headline")
    def original_link(self, obj: DuplicateFlag) -> str:
        return _article_link(obj.original)

    @admin.display(description=gettext_lazy("التشابه"), ordering="similarity")
    def similarity_percent(self, obj: DuplicateFlag) -> str:
        return _percent(obj.similarity)

    @admin.display(description=gettext_lazy("نسبة الاحتواء"))
    def containment_percent(self, obj: DuplicateFlag) -> str:
        return _percent(obj.containment)

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        services.duplicate_flag_decide(flag=obj, status=obj.status, by=request.user)

    def _decide(self, request, queryset, status: str) -> None:
        for flag in queryset:
            services.duplicate_flag_decide(flag=flag, status=status, by=request.user)
        self.message_user(request, _("سُجّل القرار لـ {n} زوج.").format(n=len(queryset)),
                          messages.SUCCESS)

    @admin.action(description=gettext_lazy("الخبر نفسه"), permissions=["change"])
    def action_same_story(self, request, queryset):
        self._decide(request, queryset, DuplicateFlag.Status.SAME_STORY)

    @admin.action(description=gettext_lazy("ليس مكررًا"), permissions=["change"])
    def action_not_duplicate(self, request, queryset):
        self._decide(request, queryset, DuplicateFlag.Status.NOT_DUPLICATE)
