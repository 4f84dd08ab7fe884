"""The JSON API, version 1, under /api/v1/ (no trailing slashes).

To add an endpoint: write the view with `jarida.api.http.api_view`, add its path here,
and describe it in `jarida.api.schema.PATHS`; tests fail until route and document agree.
"""

from django.urls import path

from jarida.api import views
from jarida.related import views as related_views
from jarida.search import api as search_api

app_name = "api"

urlpatterns = [
    path("schema", views.schema, name="schema"),
    path("articles", views.article_list, name="article_list"),
    path("articles/<str:article_id>", views.article_detail, name="article_detail"),
    path("articles/<str:article_id>/related", related_views.article_related_json,
         name="article_related"),  # jarida.related
    path("sections", views.section_list, name="section_list"),
    path("authors", views.author_list, name="author_list"),
    path("tags", views.tag_list, name="tag_list"),
    path("search", search_api.search_json, name="search"),  # jarida.search
]
