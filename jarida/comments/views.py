"""Reader views for comments. Thin: they read the request, call a service, render.

The article page (cacheable, the same for every reader) carries the comment list and a
"cold" form: no CSRF token, no form token. Script fills both from /comments/token/ when
the reader starts typing and posts without reloading. Without script the first post
arrives without them: nothing is stored, and an uncached page shows the reader's text in
a "warm" form to send again. See docs/decisions/0050-comments.md.
"""

from __future__ import annotations

import logging
import time

from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    JsonResponse,
)
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from jarida.comments import services
from jarida.comments.conf import comments_setting, rates_parse
from jarida.comments.forms import CommentForm, ReportForm
from jarida.comments.models import Comment
from jarida.comments.ratelimit import rate_hit
from jarida.comments.selectors import article_for_comments, comment_policy, comments_for_article
from jarida.comments.templatetags.comments import block_context
from jarida.comments.tokens import (
    COMMENTER_COOKIE,
    COMMENTER_COOKIE_MAX_AGE,
    COMMENTER_COOKIE_SALT,
    TokenError,
    form_token_check,
    form_token_make,
)
from jarida.newsroom.models import Article
from jarida.ops.services import client_ip

logger = logging.getLogger(__name__)

MESSAGES = {
    "published": gettext_lazy("شكرًا لك، نُشر تعليقك."),
    "pending": gettext_lazy(
        "شكرًا لك، تعليقك بانتظار المراجعة وسيظهر بعد أن يوافق عليه المشرفون."),
    "confirm": gettext_lazy("راجع تعليقك ثم اضغط «أرسل التعليق» مرة أخرى لإتمام الإرسال."),
    "too_fast": gettext_lazy(
        "أُرسل النموذج بسرعة لا يكتب بها إنسان. تمهّل ثوانيَ قليلة ثم أرسله مرة أخرى."),
}

# Far past any real conversation, and small enough for every database's OFFSET.
MAX_PAGE = 10_000


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _csrf_passes(request: HttpRequest) -> bool:
    """Django's own CSRF check, run by hand: this view is exempt only so that a failed
    check can answer with the reader's text instead of a bare 403."""
    return CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {}) is None


def _article(article_id: int) -> Article:
    article = article_for_comments(pk=article_id)
    if article is None:
        raise Http404
    return article


@never_cache
@require_GET
def form_token(request: HttpRequest) -> JsonResponse:
    """Per-reader values for the cached page's form: a CSRF token (and cookie) and a
    fresh form token. Private, never cached."""
    try:
        article_id = int(request.GET.get("article", ""))
    except ValueError:
        return JsonResponse({"error": "article"}, status=400)
    return JsonResponse({"csrf": get_token(request),
                         "token": form_token_make(article_id=article_id)})


@require_GET
def block(request: HttpRequest, article_id: int) -> HttpResponse:
    """The comment block alone, as on the article page (for script refreshes, an edge
    include, or a purge-friendly cache entry). The same for every reader."""
    article = _article(article_id)
    return render(request, "comments/_block.html", block_context(article))


@require_GET
def thread_page(request: HttpRequest, article_id: int, number: int) -> HttpResponse:
    """A further page of the conversation under an article (the first is on the article
    page itself, where page 1 leads). The same for every reader, hence cacheable."""
    if not 1 <= number <= MAX_PAGE:
        raise Http404("No such page of comments")
    article = _article(article_id)
    if number == 1:
        return HttpResponsePermanentRedirect(article.get_absolute_url() + "#comments")
    page = comments_for_article(article=article, page=number)
    if not page.threads:
        raise Http404("No such page of comments")
    return render(request, "comments/thread_page.html", {
        "article": article, "policy": comment_policy(article=article), "page": page,
        "threads": page.threads, "count": page.count,
    })


def _form_page(request, article: Article, form: CommentForm, *, status: int = 200,
               note: str = "", token: str | None = None) -> HttpResponse:
    parent = None
    parent_id = str(form["parent"].value() or "")
    if parent_id.isdigit():
        parent = Comment.objects.filter(pk=parent_id, article=article,
                                        status=Comment.Status.APPROVED).first()
    if token is None:
        # The reader already wrote the text on the article page: this page only asks
        # for one more click, so its token allows it after a second.
        min_fill = comments_setting("MIN_FILL_SECONDS")
        issued = time.time() - (max(0, min_fill - 1) if form.is_bound else 0)
        token = form_token_make(article_id=article.pk, issued_at=issued)
    context = {"article": article, "form": form, "token": token, "parent": parent,
               "note": note, "is_warm": True}
    return render(request, "comments/form_page.html", context, status=status)


def _refused(request, article, form, *, message: str, field: str, code: str, status: int,
             token: str | None = None) -> HttpResponse:
    if _wants_json(request):
        errors = {field: [message]} if field else {}
        return JsonResponse({"ok": False, "code": code, "message": message, "errors": errors},
                            status=status)
    if field:
        form.add_error(field, message)
        message = ""
    return _form_page(request, article, form, status=status, note=message, token=token)


def _posted(request, article: Article, comment: Comment | None) -> HttpResponse:
    published = comment is not None and comment.status == Comment.Status.APPROVED
    state = "published" if published else "pending"
    if _wants_json(request):
        data = {"ok": True, "status": state, "message": MESSAGES[state]}
        if published:
            data["html"] = render_to_string("comments/_comment.html",
                                            {"comment": comment, "article": article,
                                             "is_reply": comment.parent_id is not None})
            data["id"] = comment.pk
            data["parent"] = comment.parent_id
        return JsonResponse(data, status=201)
    url = reverse("comments:posted", kwargs={"article_id": article.pk}) + f"?s={state}"
    if published:
        url += f"&c={comment.pk}"
    response = HttpResponseRedirect(url)
    response.status_code = 303  # See Other: the browser GETs the outcome page
    return response


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def post(request: HttpRequest, article_id: int) -> HttpResponse:
    """GET: the form on a page of its own (replies without script). POST: a comment."""
    article = _article(article_id)
    if request.method == "GET":
        parent = request.GET.get("parent", "")
        return _form_page(request, article, CommentForm(
            initial={"parent": int(parent) if parent.isdigit() else None}))

    form = CommentForm(request.POST)
    if not form.is_valid():
        if _wants_json(request):
            return JsonResponse({"ok": False, "code": "invalid", "message": "",
                                 "errors": {k: [str(m) for m in v] for k, v in form.errors.items()}},
                                status=400)
        return _form_page(request, article, form, status=400)
    if form.is_bot:
        logger.info("Honeypot filled on article %s from %s", article.pk, client_ip(request))
        return _posted(request, article, None)  # tell the bot nothing

    token = request.POST.get("token", "")
    try:
        form_token_check(token, article_id=article.pk,
                         min_seconds=comments_setting("MIN_FILL_SECONDS"),
                         max_age=comments_setting("FORM_TOKEN_MAX_AGE"))
        token_problem = ""
    except TokenError as error:
        token_problem = error.code
    if token_problem == "too_fast":
        return _refused(request, article, form, message=MESSAGES["too_fast"], field="",
                        code="too_fast", status=400, token=token)
    if token_problem or not _csrf_passes(request):
        # The cold form of a cached page, or an old one: store nothing, ask once more.
        return _refused(request, article, form, message=MESSAGES["confirm"], field="",
                        code="confirm", status=403 if _wants_json(request) else 200)

    data = form.cleaned_data
    proven = request.get_signed_cookie(COMMENTER_COOKIE, default=None,
                                       salt=COMMENTER_COOKIE_SALT,
                                       max_age=COMMENTER_COOKIE_MAX_AGE)
    try:
        comment = services.comment_post(
            article=article, name=data["name"], email=data["email"], body=data["body"],
            parent_id=data.get("parent"), ip=client_ip(request),
            user_agent=request.headers.get("User-Agent", ""), user=request.user,
            proven_commenter_id=int(proven) if proven and proven.isdigit() else None)
    except services.CommentRefused as refusal:
        return _refused(request, article, form, message=refusal.message, field=refusal.field,
                        code=refusal.code, status=refusal.http_status, token=token)
    return _posted(request, article, comment)


@require_GET
def posted(request: HttpRequest, article_id: int) -> HttpResponse:
    """After a post without script: the outcome, and the way back to the article."""
    article = _article(article_id)
    state = "published" if request.GET.get("s") == "published" else "pending"
    comment_id = request.GET.get("c", "")
    back = article.get_absolute_url() + (f"#comment-{comment_id}" if comment_id.isdigit()
                                         and state == "published" else "#comments")
    return render(request, "comments/message_page.html", {
        "article": article, "title": _("أُرسل تعليقك"), "message": MESSAGES[state],
        "back_url": back})


@never_cache
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, comment_id: int) -> HttpResponse:
    """Report a published comment: a small page with the reasons (works without script)."""
    comment = get_object_or_404(Comment.objects.select_related("article__section"),
                                pk=comment_id, status=Comment.Status.APPROVED)
    article = comment.article
    if article_for_comments(pk=article.pk) is None:
        raise Http404
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ip = client_ip(request) or "unknown"
        if not rate_hit(scope="report", key=ip,
                        rates=rates_parse(comments_setting("RATE_PER_IP"))):
            form.add_error(None, _("أرسلت بلاغات كثيرة في وقت قصير. أعد المحاولة لاحقًا."))
        else:
            services.comment_report(comment=comment, reporter=services.reporter_key(ip),
                                    reason=form.cleaned_data["reason"])
            return render(request, "comments/message_page.html", {
                "article": article, "title": _("شكرًا لبلاغك"),
                "message": _("وصل بلاغك وسيراجعه المشرفون."),
                "back_url": article.get_absolute_url() + "#comments"})
    return render(request, "comments/report_page.html",
                  {"comment": comment, "article": article, "form": form},
                  status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, token: str) -> HttpResponse:
    """The link mailed to a commenter. GET asks to confirm (mail scanners follow links);
    POST verifies the address and marks this browser as that commenter's."""
    if request.method == "GET":
        return render(request, "comments/verify_page.html", {"token": token})
    commenter = services.commenter_verify(token=token)
    if commenter is None:
        return render(request, "comments/message_page.html", {
            "title": _("رابط غير صالح"),
            "message": _("انتهت صلاحية رابط التأكيد أو أنه غير صحيح. علّق مرة أخرى لنرسل "
                         "لك رابطًا جديدًا.")}, status=400)
    response = render(request, "comments/message_page.html", {
        "title": _("تأكّد بريدك"),
        "message": _("شكرًا لك. بعد بضعة تعليقات مقبولة تُنشر تعليقاتك من هذا المتصفح مباشرة.")})
    response.set_signed_cookie(COMMENTER_COOKIE, str(commenter.pk), salt=COMMENTER_COOKIE_SALT,
                               max_age=COMMENTER_COOKIE_MAX_AGE, httponly=True, samesite="Lax",
                               secure=request.is_secure())
    return response
