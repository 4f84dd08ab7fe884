"""The search page, /search/?q=... (HTML, works without JavaScript)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jarida.search.forms import SearchFilterForm
from jarida.search.query import clean_query_text
from jarida.search.selectors import search_articles

PAGE_SIZE = 10
MAX_PAGE = 100


def _page_number(raw: str | None) -> int:
    return min(int(raw), MAX_PAGE) if raw and raw.isascii() and raw.isdigit() and int(raw) \
        else 1


def _link(request: HttpRequest, **changes: str) -> str:
    """This page's address with some parameters changed (and the page number dropped
    unless given)."""
    params = request.GET.copy()
    params.pop("page", None)
    for name, value in changes.items():
        params[name] = value
    return "?" + params.urlencode()


def search(request: HttpRequest) -> HttpResponse:
    form = SearchFilterForm(request.GET)
    text = clean_query_text(request.GET.get("q"))
    page = _page_number(request.GET.get("page"))
    results = None
    is_valid = form.is_valid()
    author = form.cleaned_data.get("author") if is_valid else None
    if text and is_valid:
        since, until = form.published_range()
        results = search_articles(
            text=request.GET.get("q"), section=form.cleaned_data["section"],
            author=form.cleaned_data["author"], since=since, until=until, limit=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
        )
    context = {"form": form, "q": text, "results": results, "page": page, "author": author}
    if results is not None:
        pages = min(MAX_PAGE, (results.total + PAGE_SIZE - 1) // PAGE_SIZE)
        context.update(
            pages=pages,
            first_rank=(page - 1) * PAGE_SIZE + 1,
            previous_link=_link(request, page=str(page - 1)) if page > 1 else None,
            next_link=_link(request, page=str(page + 1)) if page < pages else None,
            first_link=_link(request),
            suggestions=[{"text": s.text, "link": _link(request, q=s.text)}
                         for s in results.suggestions],
        )
    return render(request, "search/search.html", context)
