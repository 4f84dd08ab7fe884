"""Feeds under /feeds/, sitemaps and robots.txt at the site root (before the reader
site's section catch-all; section slugs cannot take these names, see RESERVED_SLUGS)."""

from django.urls import path

from jarida.syndication import views
from jarida.syndication.feeds import ArticlesFeed

app_name = "syndication"


def _feed(kind: str, *, atom: bool):
    return views.crawler_view(ArticlesFeed(kind=kind, atom=atom))


urlpatterns = [
    path("feeds/rss/", _feed("site", atom=False), name="rss"),
    path("feeds/atom/", _feed("site", atom=True), name="atom"),
    path("feeds/sections/<str:slug>/rss/", _feed("section", atom=False), name="section_rss"),
    path("feeds/sections/<str:slug>/atom/", _feed("section", atom=True), name="section_atom"),
    path("feeds/authors/<str:slug>/rss/", _feed("author", atom=False), name="author_rss"),
    path("feeds/authors/<str:slug>/atom/", _feed("author", atom=True), name="author_atom"),
    path("feeds/tags/<str:slug>/rss/", _feed("tag", atom=False), name="tag_rss"),
    path("feeds/tags/<str:slug>/atom/", _feed("tag", atom=True), name="tag_atom"),
    path("sitemap.xml", views.sitemap_index, name="sitemap_index"),
    path("sitemap-news.xml", views.sitemap_news, name="sitemap_news"),
    path("sitemap-<str:key>.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
