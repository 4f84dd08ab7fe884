"""The newsroom in the Django admin: Arabic, right to left, every state change through
the services in jarida.newsroom.services."""

from __future__ import annotations

import difflib
from datetime import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_prose_editor.fields import ProseEditorFormField

from jarida.newsroom import services
from jarida.newsroom.bodies import body_to_text
from jarida.newsroom.models import (
    Article,
    ArticleAuthor,
    ArticleRevision,
    ArticleTransition,
    Author,
    Redirect,
    Section,
    Tag,
)
from jarida.newsroom.signals import article_changed

STATE_LABELS = {
    "draft": gettext_lazy("مسودة"),
    "review": gettext_lazy("قيد المراجعة"),
    "scheduled": gettext_lazy("مجدول"),
    "published": gettext_lazy("منشور"),
    "corrected": gettext_lazy("منشور ومصحَّح"),
    "unpublished": gettext_lazy("أُلغي نشره"),
}

# What the editor offers matches what body_sanitize keeps (see jarida/newsroom/bodies.py).
BODY_EDITOR_CONFIG = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "Heading": {"levels": [2, 3]},
        "Blockquote": True,
        "Cite": True,  # a quote's speaker: jarida/newsroom/prose.py
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
        "HardBreak": True,
        "HorizontalRule": True,
        "Figure": True,
        "Image": True,
        "Caption": True,
        "History": True,
    }
}


class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "parent", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    autocomplete_fields = ["user"]


class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class ArticleAuthorInline(admin.TabularInline):
    """The byline's authors, in order. Whoever may edit the article may edit its byline."""

    model = ArticleAuthor
    extra = 1
    autocomplete_fields = ["author"]

    def _may_edit(self, request, obj=None) -> bool:
        if obj is None:
            return request.user.has_perm("newsroom.add_article")
        return services.article_can_edit(article=obj, user=request.user)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("newsroom.view_article")

    def has_add_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_edit(request, obj)


class ArticleForm(forms.ModelForm):
    body = ProseEditorFormField(config=BODY_EDITOR_CONFIG, required=False, label=_("المتن"))

    class Media:
        # Arabic for the body editor's own words: a classic script, so that it runs before
        # the editor's modules read them.
        js = ["jarida/admin/prose-arabic.js"]

    class Meta:
        model = Article
        fields = ["headline", "slug", "standfirst", "body", "section", "byline", "tags",
                  "source_credit", "hero_image", "hero_caption", "hero_credit", "is_breaking",
                  "allow_comments"]


class StateFilter(admin.SimpleListFilter):
    title = gettext_lazy("الحالة")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return list(STATE_LABELS.items())

    def queryset(self, request, queryset):
        now = timezone.now()
        value = self.value()
        if value == "scheduled":
            return queryset.filter(status="published", published_at__gt=now)
        if value == "published":
            return queryset.filter(status="published", published_at__lte=now,
                                   corrected_at__isnull=True)
        if value == "corrected":
            return queryset.filter(status="published", corrected_at__isnull=False)
        if value in ("draft", "review", "unpublished"):
            return queryset.filter(status=value)
        return queryset


class ScheduleForm(forms.Form):
    published_at = forms.DateTimeField(
        label=gettext_lazy("وقت النشر"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


class CorrectionForm(forms.Form):
    note = forms.CharField(label=gettext_lazy("نص التصحيح الظاهر للقراء"),
                           widget=forms.Textarea(attrs={"rows": 4}))


class ArticleAdmin(admin.ModelAdmin):
    form = ArticleForm
    inlines = [ArticleAuthorInline]
    list_display = ["headline", "state_label", "section", "byline_names", "published_at",
                    "updated_at"]
    list_filter = [StateFilter, "section", "article_authors__author", "published_at",
                   "is_breaking"]
    list_select_related = ["section"]
    search_fields = ["headline", "standfirst", "external_id"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["tags"]
    prepopulated_fields = {}
    readonly_fields = ["state_label", "published_at", "updated_at", "correction_note",
                       "workflow_history"]
    actions = ["action_submit", "action_publish", "action_unpublish"]
    change_form_template = "admin/newsroom/article/change_form.html"
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "body"]}),
        (gettext_lazy("التصنيف والتوقيع"),
         {"fields": ["section", "tags", "byline", "source_credit"]}),
        (gettext_lazy("الصورة الرئيسية"),
         {"fields": ["hero_image", "hero_caption", "hero_credit"]}),
        (gettext_lazy("النشر"),
         {"fields": ["state_label", "published_at", "updated_at", "is_breaking",
                     "allow_comments", "correction_note", "workflow_history"]}),
    ]

    @admin.display(description=gettext_lazy("الحالة"))
    def state_label(self, obj: Article) -> str:
        return STATE_LABELS.get(obj.state, obj.state) if obj.pk else STATE_LABELS["draft"]

    @admin.display(description=gettext_lazy("الكتّاب"))
    def byline_names(self, obj: Article) -> str:
        return "، ".join(a.name for a in obj.ordered_authors) or obj.byline

    @admin.display(description=gettext_lazy("سجل سير العمل"))
    def workflow_history(self, obj: Article) -> str:
        if not obj.pk:
            return "-"
        rows = [
            format_html("<li>{} → {} — {} ({})</li>",
                        STATE_LABELS.get(t.from_state, t.from_state or "∅"),
                        STATE_LABELS.get(t.to_state, t.to_state),
                        t.by or _("النظام"), timezone.localtime(t.at).strftime("%Y-%m-%d %H:%M"))
            for t in obj.transitions.select_related("by")
        ]
        return format_html("<ul>{}</ul>", mark_safe("".join(rows))) if rows else "-"  # noqa: S308

    def get_queryset(self, request):
        qs = super().get_queryset(request).prefetch_related("article_authors__author")
        if request.user.has_perm("newsroom.edit_any_article"):
            return qs
        # Writers see their own work; published work is on the site for them to read.
        return qs.filter(created_by=request.user) | qs.filter(authors__user=request.user)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return services.article_can_edit(article=obj, user=request.user)

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm("newsroom.delete_article")

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in form.cleaned_data
                  if name in services.EDITABLE_FIELDS}
        if not change:
            created = services.article_create(by=request.user, **fields)
            obj.pk = created.pk
            obj.__dict__.update({k: v for k, v in created.__dict__.items() if k != "_state"})
            obj._state.adding = False
            obj._state.db = created._state.db
        else:
            services.article_update(article=obj, by=request.user, **fields)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Authors and tags are saved after the article: tell the index and the caches.
        article_changed.send(sender=Article, article=form.instance, action="edited",
                             was_public=form.instance.state in ("published", "corrected"))

    def get_deleted_objects(self, objs, request):
        # An article's workflow history goes with it. The history's admin is read-only for
        # everyone, which must not make the article itself impossible to delete.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        history = str(ArticleTransition._meta.verbose_name)
        return deleted, counts, {p for p in perms_needed if str(p) != history}, protected

    def delete_model(self, request, obj):
        services.article_delete(article=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            services.article_delete(article=article, by=request.user)

    # Bulk actions: each article goes through the service; refusals are reported, not fatal.
    def _bulk(self, request, queryset, service, done_message: str) -> None:
        done, refused = 0, []
        for article in queryset:
            try:
                with transaction.atomic():
                    service(article=article, by=request.user)
                done += 1
            except (PermissionDenied, ValidationError) as error:
                refused.append(f"«{article.headline}»: {_error_text(error)}")
        if done:
            self.message_user(request, done_message.format(n=done), messages.SUCCESS)
        for line in refused:
            self.message_user(request, line, messages.ERROR)

    @admin.action(description=gettext_lazy("إرسال المحدد للمراجعة"))
    def action_submit(self, request, queryset):
        self._bulk(request, queryset, services.article_submit_for_review,
                   _("أُرسل {n} مقال للمراجعة."))

    @admin.action(description=gettext_lazy("نشر المحدد الآن"), permissions=["publish"])
    def action_publish(self, request, queryset):
        self._bulk(request, queryset, services.article_publish, _("نُشر {n} مقال."))

    @admin.action(description=gettext_lazy("إلغاء نشر المحدد"), permissions=["unpublish"])
    def action_unpublish(self, request, queryset):
        self._bulk(request, queryset, services.article_unpublish, _("أُلغي نشر {n} مقال."))

    def has_publish_permission(self, request):
        return request.user.has_perm("newsroom.publish_article")

    def has_unpublish_permission(self, request):
        return request.user.has_perm("newsroom.unpublish_article")

    # Per-article views: preview, workflow steps, revisions.
    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/preview/", wrap(self.preview_view), name="newsroom_article_preview"),
            path("<int:pk>/workflow/<str:step>/", wrap(self.workflow_view),
                 name="newsroom_article_workflow"),
            path("<int:pk>/revisions/", wrap(self.revisions_view),
                 name="newsroom_article_revisions"),
            *super().get_urls(),
        ]

    def _article_for(self, request, pk: int) -> Article:
        article = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def preview_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        from jarida.site.views import article_render

        article = self._article_for(request, pk)
        return article_render(request, article, is_preview=True)

    def revisions_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        article = self._article_for(request, pk)
        revisions = list(article.revisions.select_related("created_by"))
        chosen = {int(v) for v in request.GET.getlist("r") if v.isdigit()}
        picked = [r for r in revisions if r.pk in chosen][:2] or revisions[:2]
        diff_rows = []
        if len(picked) == 2:
            new, old = sorted(picked, key=lambda r: (r.created_at, r.pk), reverse=True)
            diff_rows = _revision_diff(old, new)
        else:
            new = old = None
        return TemplateResponse(request, "admin/newsroom/article/revisions.html", {
            **self.admin_site.each_context(request),
            "opts": self.model._meta, "original": article, "title": _("نسخ المقال"),
            "revisions": revisions, "old": old, "new": new, "diff_rows": diff_rows,
        })

    def workflow_view(self, request: HttpRequest, pk: int, step: str) -> HttpResponse:
        article = self._article_for(request, pk)
        # Only the steps the change form offers this user, for this state: a writer cannot
        # open (or post) an editor's step by typing its URL.
        if step not in dict(_available_steps(request.user, article)):
            raise PermissionDenied
        change_url = reverse("admin:newsroom_article_change", args=[article.pk])
        form = None
        if step == "schedule":
            form = ScheduleForm(request.POST or None)
        elif step == "correct":
            form = CorrectionForm(request.POST or None)
        elif step not in ("submit", "publish", "unpublish", "return"):
            raise PermissionDenied
        if request.method == "POST" and (form is None or form.is_valid()):
            try:
                self._run_step(request, article, step, form)
            except (PermissionDenied, ValidationError) as error:
                self.message_user(request, _error_text(error), messages.ERROR)
            else:
                self.message_user(request, _("تم: {step}.").format(step=_step_label(step)),
                                  messages.SUCCESS)
            return HttpResponseRedirect(change_url)
        return TemplateResponse(request, "admin/newsroom/article/workflow.html", {
            **self.admin_site.each_context(request),
            "opts": self.model._meta, "original": article, "form": form, "step": step,
            "title": _step_label(step), "step_label": _step_label(step),
        })

    def _run_step(self, request, article: Article, step: str, form) -> None:
        by = request.user
        if step == "submit":
            services.article_submit_for_review(article=article, by=by)
        elif step == "publish":
            services.article_publish(article=article, by=by)
        elif step == "schedule":
            at: datetime = form.cleaned_data["published_at"]
            if at <= timezone.now():
                raise ValidationError(_("وقت الجدولة يجب أن يكون في المستقبل."))
            services.article_publish(article=article, by=by, at=at)
        elif step == "correct":
            services.article_correct(article=article, by=by, note=form.cleaned_data["note"])
        elif step == "unpublish":
            services.article_unpublish(article=article, by=by)
        elif step == "return":
            services.article_return_to_draft(article=article, by=by)

    def render_change_form(self, request, context, add=False, change=False, form_url="",
                           obj=None):
        context["workflow_steps"] = _available_steps(request.user, obj) if obj else []
        return super().render_change_form(request, context, add, change, form_url, obj)


def _step_label(step: str) -> str:
    return {
        "submit": _("إرسال للمراجعة"), "publish": _("نشر الآن"), "schedule": _("جدولة النشر"),
        "correct": _("نشر تصحيح"), "unpublish": _("إلغاء النشر"),
        "return": _("إعادة إلى المسودة"),
    }[step]


def _available_steps(user, article: Article) -> list[tuple[str, str]]:
    state = article.state
    can_publish = user.has_perm("newsroom.publish_article")
    steps = []
    if state == "draft" and services.article_can_edit(article=article, user=user):
        steps.append("submit")
    if state in ("draft", "review", "unpublished", "scheduled") and can_publish:
        steps += ["publish", "schedule"]
    if state == "review" and can_publish:
        steps.append("return")
    if state in ("published", "corrected") and user.has_perm("newsroom.correct_article"):
        steps.append("correct")
    if state in ("published", "corrected", "scheduled") and user.has_perm(
            "newsroom.unpublish_article"):
        steps.append("unpublish")
    return [(s, _step_label(s)) for s in steps]


def _error_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("ليست لديك صلاحية لهذا الإجراء.")


def _revision_diff(old: ArticleRevision, new: ArticleRevision) -> list[tuple[str, str, str]]:
    """(field, kind, line) rows: kind is 'same', 'added' or 'removed'."""
    rows = []
    for field, label in (("headline", _("العنوان")), ("standfirst", _("المقدمة")),
                         ("body", _("المتن")), ("correction_note", _("التصحيح"))):
        a, b = getattr(old, field), getattr(new, field)
        if field == "body":
            a, b = body_to_text(a), body_to_text(b)
        if a == b:
            continue
        for line in difflib.ndiff(a.splitlines(), b.splitlines()):
            code, text = line[:2], line[2:]
            if code == "? ":
                continue
            kind = {"+ ": "added", "- ": "removed"}.get(code, "same")
            rows.append((label, kind, text))
    return rows


class ArticleTransitionAdmin(admin.ModelAdmin):
    list_display = ["article", "from_state", "to_state", "by", "at"]
    list_filter = ["to_state", "at"]
    search_fields = ["article__headline"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RedirectAdmin(admin.ModelAdmin):
    list_display = ["old_path", "article"]
    search_fields = ["old_path"]
    raw_id_fields = ["article"]


admin.site.register(Section, SectionAdmin)
admin.site.register(Author, AuthorAdmin)
admin.site.register(Tag, TagAdmin)
admin.site.register(Article, ArticleAdmin)
admin.site.register(ArticleTransition, ArticleTransitionAdmin)
admin.site.register(Redirect, RedirectAdmin)
