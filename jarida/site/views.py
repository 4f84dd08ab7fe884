"""Reader pages. Views only fetch through selectors and render; no logic that writes."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static

from jarida.newsroom import selectors
from jarida.newsroom.models import Article, Author, Section, Tag
from jarida.syndication.common import absolute_url


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "site/home.html", selectors.home_page(
        sections_limit=settings.JARIDA_HOME_SECTION_BLOCKS))


def _paginate(request: HttpRequest, queryset):
    return Paginator(queryset, settings.JARIDA_PAGE_SIZE).get_page(request.GET.get("page"))


def section(request: HttpRequest, section_slug: str) -> HttpResponse:
    section = get_object_or_404(Section.objects.select_related("parent"), slug=section_slug)
    page = _paginate(request, selectors.articles_in_section(section=section))
    return render(request, "site/section.html", {"section": section, "page": page})


def author(request: HttpRequest, author_slug: str) -> HttpResponse:
    author = get_object_or_404(Author, slug=author_slug)
    page = _paginate(request, selectors.articles_by_author(author=author))
    return render(request, "site/author.html", {"author": author, "page": page})


def tag(request: HttpRequest, tag_slug: str) -> HttpResponse:
    tag = get_object_or_404(Tag, slug=tag_slug)
    page = _paginate(request, selectors.articles_tagged(tag=tag))
    return render(request, "site/tag.html", {"tag": tag, "page": page})


def article_render(request: HttpRequest, article: Article, *, is_preview: bool = False,
                   status: int = 200) -> HttpResponse:
    """The article page; also used by the admin's preview of a draft."""
    context = {
        "article": article,
        "authors": article.ordered_authors,
        "tags": article.tag_list,
        "is_preview": is_preview,
        # The public address, once: the canonical link and the share links use it.
        "canonical_url": absolute_url(article.get_absolute_url()),
    }
    return render(request, "site/article.html", context, status=status)


def article(request: HttpRequest, section_slug: str, pk: int, slug: str = "") -> HttpResponse:
    """An article by its stable id. Any other section or slug answers 301 to the canonical
    URL; raw and percent-encoded Arabic arrive here decoded alike."""
    found = selectors.article_get_public(pk=pk)
    if found is None:
        if selectors.article_status_for_reader(pk=pk) == "gone":
            return render(request, "410.html", status=410)
        raise Http404
    if section_slug != found.section.slug or slug != found.slug:
        return redirect(found.get_absolute_url(), permanent=True)
    return article_render(request, found)


def article_by_id(request: HttpRequest, pk: int) -> HttpResponse:
    """/a/<id>/: a short link that always leads to the canonical URL."""
    found = selectors.article_get_public(pk=pk)
    if found is None:
        if selectors.article_status_for_reader(pk=pk) == "gone":
            return render(request, "410.html", status=410)
        raise Http404
    return redirect(found.get_absolute_url(), permanent=True)


def favicon(request: HttpRequest) -> HttpResponse:
    return redirect(static("jarida/favicon.svg"), permanent=True)
