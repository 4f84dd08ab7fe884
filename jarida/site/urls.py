from django.urls import path

from jarida.site import views

app_name = "site"

# Fixed prefixes come first; the section catch-all last. Section slugs may not take
# these names (see jarida.newsroom.models.RESERVED_SLUGS).
urlpatterns = [
    path("", views.home, name="home"),
    path("a/<int:pk>/", views.article_by_id, name="article_by_id"),
    path("authors/<str:author_slug>/", views.author, name="author"),
    path("tags/<str:tag_slug>/", views.tag, name="tag"),
    path("<str:section_slug>/", views.section, name="section"),
    path("<str:section_slug>/<int:pk>/", views.article, name="article_noslug"),
    path("<str:section_slug>/<int:pk>/<str:slug>/", views.article, name="article"),
]
