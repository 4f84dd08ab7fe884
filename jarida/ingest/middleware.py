"""Old URLs keep working: a request the site cannot answer (404), or a WordPress plain
link (`/?p=123`, which the home page would otherwise swallow), is looked up among the
stored `Redirect` paths and answered with a 301 to the article's canonical URL.

Only public articles are redirected to: an old link to a draft stays a 404 rather than
revealing the draft's headline in a Location header.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect

from jarida.ingest.redirects import redirect_path_normalize
from jarida.newsroom.models import Article, Redirect


def _redirect_for(old_paths: list[str]) -> HttpResponse | None:
    article_id = (Redirect.objects.filter(old_path__in=old_paths)
                  .values_list("article_id", flat=True).first())
    if article_id is None:
        return None
    article = Article.objects.published().select_related("section").filter(pk=article_id).first()
    if article is None:
        return None
    return HttpResponsePermanentRedirect(article.get_absolute_url())


class OldUrlRedirectMiddleware:
    """Sits last in MIDDLEWARE, so it sees the view's 404 before CommonMiddleware adds a
    slash, and answers old paths with or without their trailing slash."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("GET", "HEAD"):
            post_id = request.GET.get("p", "")
            if post_id.isascii() and post_id.isdigit():
                path = redirect_path_normalize(request.path)
                found = _redirect_for([f"{path}?p={int(post_id)}"])
                if found is not None:
                    return found
        response = self.get_response(request)
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            path = redirect_path_normalize(request.path)
            other = path[:-1] if path.endswith("/") else path + "/"
            found = _redirect_for([path, other] if path != "/" else [path])
            if found is not None:
                return found
        return response
