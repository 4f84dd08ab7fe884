"""The moderation queue and the comment settings in the Django admin.

The queue is the comment list, opened on the "pending" folder, with folders for
reported comments and spam, a filter by article, and bulk actions (approve, reject, mark
spam, ban commenter) that go through the services, so every decision is recorded.
Per-section and per-article policies appear as inlines on the newsroom's own forms.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jarida.arabic.digits import digits_localize
from jarida.comments import services
from jarida.comments.models import (
    BannedAddress,
    BlockedTerm,
    Comment,
    Commenter,
    CommentPolicy,
    CommentReport,
    ModerationDecision,
)
from jarida.comments.selectors import queue_counts
from jarida.comments.text import BIDI_CONTROLS, comment_html
from jarida.newsroom.models import Article, Section

Status = Comment.Status


class FolderFilter(admin.SimpleListFilter):
    """The queue's folders. Without a choice the queue opens on "pending"."""

    title = gettext_lazy("المجلد")
    parameter_name = "folder"
    default = "pending"

    def lookups(self, request, model_admin):
        counts = queue_counts()
        return [
            ("pending", _("بانتظار المراجعة (%(n)s)") % {"n": counts["pending"]}),
            ("reported", _("أعادته البلاغات (%(n)s)") % {"n": counts["reported"]}),
            ("spam", _("رسائل مزعجة (%(n)s)") % {"n": counts["spam"]}),
            ("approved", _("منشورة")),
            ("rejected", _("مرفوضة")),
            ("all", _("الكل")),
        ]

    def value(self):
        return super().value() or self.default

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {"selected": self.value() == lookup, "display": title,
                   "query_string": changelist.get_query_string({self.parameter_name: lookup})}

    def queryset(self, request, queryset):
        value = self.value()
        if value == "pending":
            return queryset.filter(status=Status.PENDING, is_reported=False)
        if value == "reported":
            return queryset.filter(status=Status.PENDING, is_reported=True)
        if value in (Status.SPAM, Status.APPROVED, Status.REJECTED):
            return queryset.filter(status=value)
        return queryset


class ArticleQueueFilter(admin.SimpleListFilter):
    """By article: the articles with the most comments waiting, busiest first."""

    title = gettext_lazy("المقال")
    parameter_name = "article"

    def lookups(self, request, model_admin):
        rows = (Comment.objects.filter(status=Status.PENDING)
                .values("article_id", "article__headline").annotate(n=Count("id"))
                .order_by("-n")[:30])
        return [(str(r["article_id"]), f"{r['article__headline'][:60]} ({r['n']})") for r in rows]

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(article_id=value) if value and value.isdigit() else queryset


class DecisionInline(admin.TabularInline):
    model = ModerationDecision
    extra = 0
    can_delete = False
    fields = ["action", "from_status", "to_status", "by", "at", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class ReportInline(admin.TabularInline):
    model = CommentReport
    extra = 0
    can_delete = False
    fields = ["reason", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


# Why a comment waits, as services.comment_post files it (a stable code, read here).
HELD_FOR = {
    "pre-moderation": gettext_lazy("المراجعة المسبقة"),
    "new commenter": gettext_lazy("معلّق جديد"),
    "demoted": gettext_lazy("رُفض كثير من تعليقات صاحبه مؤخرًا"),
    "reported": gettext_lazy("أبلغ عنه القراء"),
}


def held_for_label(code: str) -> str:
    """The hold reason in the moderators' words: "suspect: كلمة" -> "كلمات مشبوهة: كلمة"."""
    if not code:
        return "-"
    if code.startswith("suspect: "):
        return _("كلمات مشبوهة: %(words)s") % {"words": code.removeprefix("suspect: ")}
    if code.startswith("spam score "):
        score = code.removeprefix("spam score ")
        shown = digits_localize(score, style=settings.JARIDA_DIGITS)
        return _("درجة الإزعاج %(score)s") % {"score": shown}
    return str(HELD_FOR.get(code, code))


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["excerpt", "author", "article_link", "status", "held_for_label",
                    "reports", "score", "created_at"]
    list_select_related = ["article", "commenter"]
    list_filter = [FolderFilter, ArticleQueueFilter]
    search_fields = ["body", "name", "commenter__email", "=ip_address"]
    actions = ["action_approve", "action_reject", "action_spam", "action_ban"]
    list_per_page = 50
    inlines = [DecisionInline, ReportInline]
    fields = ["article", "parent", "author", "status", "held_for_label", "rendered_body",
              "original_body", "spam_score", "report_count", "ip_address", "user_agent",
              "created_at", "published_at", "decided_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Reader text is never edited; decisions are the actions.
        return False

    def has_moderate_permission(self, request) -> bool:
        return request.user.has_perm("comments.moderate_comment")

    def has_ban_permission(self, request) -> bool:
        return request.user.has_perm("comments.ban_commenter")

    @admin.display(description=gettext_lazy("التعليق"))
    def excerpt(self, obj: Comment) -> str:
        return format_html('<span dir="auto">{}</span>', str(obj))

    @admin.display(description=gettext_lazy("المعلّق"))
    def author(self, obj: Comment) -> str:
        # The address on its own line, left to right: "<…>" around it would be reordered.
        banned = _(" (محظور)") if obj.commenter.is_banned else ""
        return format_html('<bdi>{}</bdi>{}<br><bdi dir="ltr">{}</bdi>', obj.name, banned,
                           obj.commenter.email)

    @admin.display(description=gettext_lazy("البلاغات"), ordering="report_count")
    def reports(self, obj: Comment) -> int:
        return obj.report_count

    @admin.display(description=gettext_lazy("سبب الحجز"), ordering="held_for")
    def held_for_label(self, obj: Comment) -> str:
        return held_for_label(obj.held_for)

    @admin.display(description=gettext_lazy("المقال"))
    def article_link(self, obj: Comment) -> str:
        return format_html('<a href="?{}={}">{}</a>', ArticleQueueFilter.parameter_name,
                           obj.article_id, obj.article.headline[:50])

    @admin.display(description=gettext_lazy("الإزعاج"), ordering="spam_score")
    def score(self, obj: Comment) -> str:
        return "-" if obj.spam_score is None else f"{obj.spam_score:.2f}"

    @admin.display(description=gettext_lazy("النص"))
    def rendered_body(self, obj: Comment) -> str:
        return format_html('<div dir="auto">{}</div>',
                           comment_html(obj.body))

    @admin.display(description=gettext_lazy("النص كما أُرسل (المحارف الخفية ظاهرة)"))
    def original_body(self, obj: Comment) -> str:
        if not obj.body_original:
            return "-"
        shown = "".join(f"[U+{ord(c):04X}]" if c in BIDI_CONTROLS or (ord(c) < 32 and c not in
                                                                      "\n\t") else c
                        for c in obj.body_original)
        return format_html('<pre dir="ltr">{}</pre>', shown)

    def _run(self, request, queryset, action: str, done: str) -> None:
        count = services.comments_moderate(comments=queryset.select_related("article"),
                                           action=action, by=request.user)
        self.message_user(request, done % {"n": count}, messages.SUCCESS)

    @admin.action(permissions=["moderate"], description=gettext_lazy("انشر المحدد"))
    def action_approve(self, request, queryset):
        self._run(request, queryset, "approve", _("نُشر %(n)s تعليقًا."))

    @admin.action(permissions=["moderate"], description=gettext_lazy("ارفض المحدد"))
    def action_reject(self, request, queryset):
        self._run(request, queryset, "reject", _("رُفض %(n)s تعليقًا."))

    @admin.action(permissions=["moderate"], description=gettext_lazy("ضع المحدد في الإزعاج"))
    def action_spam(self, request, queryset):
        self._run(request, queryset, "spam", _("وُسم %(n)s تعليقًا بالإزعاج."))

    @admin.action(permissions=["ban"],
                  description=gettext_lazy("احظر كتّاب المحدد وارفض ما ينتظر منهم"))
    def action_ban(self, request, queryset):
        count = services.commenters_ban(comments=queryset.select_related("article"),
                                        by=request.user)
        self.message_user(request, _("حُظر %(n)s معلّقًا.") % {"n": count}, messages.SUCCESS)


@admin.register(Commenter)
class CommenterAdmin(admin.ModelAdmin):
    list_display = ["email", "name", "is_verified_display", "is_banned", "created_at"]
    list_filter = ["is_banned"]
    search_fields = ["email", "name"]
    fields = ["email", "name", "user", "email_verified_at", "is_banned", "banned_at",
              "created_at"]
    readonly_fields = fields
    actions = ["action_unban"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_ban_permission(self, request) -> bool:
        return request.user.has_perm("comments.ban_commenter")

    @admin.display(description=gettext_lazy("بريد مؤكَّد"), boolean=True)
    def is_verified_display(self, obj: Commenter) -> bool:
        return obj.is_verified

    @admin.action(permissions=["ban"], description=gettext_lazy("ارفع الحظر عن المحدد"))
    def action_unban(self, request, queryset):
        for commenter in queryset:
            services.commenter_unban(commenter=commenter, by=request.user)
        self.message_user(request, _("رُفع الحظر."), messages.SUCCESS)


@admin.register(ModerationDecision)
class ModerationDecisionAdmin(admin.ModelAdmin):
    list_display = ["comment", "action", "from_status", "to_status", "by", "at"]
    list_filter = ["action", "by"]
    list_select_related = ["comment", "by"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BlockedTerm)
class BlockedTermAdmin(admin.ModelAdmin):
    list_display = ["text", "kind", "match", "created_at"]
    list_filter = ["kind", "match"]
    search_fields = ["text"]
    fields = ["text", "kind", "match"]


@admin.register(BannedAddress)
class BannedAddressAdmin(admin.ModelAdmin):
    list_display = ["ip_address", "until", "commenter", "created_at"]
    search_fields = ["=ip_address", "commenter__email"]
    readonly_fields = ["ip_address", "until", "commenter", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ArticlePolicyInline(admin.StackedInline):
    model = CommentPolicy
    fk_name = "article"
    fields = ["mode", "close_after_days"]
    extra = 0
    max_num = 1
    verbose_name = gettext_lazy("سياسة التعليقات لهذا المقال")


class SectionPolicyInline(ArticlePolicyInline):
    fk_name = "section"
    verbose_name = gettext_lazy("سياسة التعليقات لهذا القسم وأقسامه الفرعية")


@admin.register(CommentPolicy)
class CommentPolicyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "section", "article", "mode", "close_after_days"]
    list_select_related = ["section", "article"]
    raw_id_fields = ["article"]


def _add_inline(model, inline) -> None:
    """Give a newsroom admin form our inline without editing the newsroom's code."""
    model_admin = admin.site.get_model_admin(model)
    if inline not in model_admin.inlines:
        model_admin.inlines = [*model_admin.inlines, inline]


_add_inline(Article, ArticlePolicyInline)
_add_inline(Section, SectionPolicyInline)
