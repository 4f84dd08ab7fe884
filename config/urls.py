from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from jarida.api import views as api_views
from jarida.site import views as site_views

admin.site.site_header = "جريدة: غرفة الأخبار"
admin.site.site_title = "غرفة الأخبار"
admin.site.index_title = "إدارة المحتوى"

urlpatterns = [
    # Browsers ask for /favicon.ico on every page that names none (the admin does not).
    path("favicon.ico", site_views.favicon),
    path("admin/", admin.site.urls),
    # Apps' routes come before the reader site's section catch-all.
    path("api/v1/", include("jarida.api.urls")),
    re_path(r"^api/", api_views.not_found),  # other /api/ paths: a JSON 404, not HTML
    path("search/", include("jarida.search.urls")),
    path("comments/", include("jarida.comments.urls")),
    path("", include("jarida.syndication.urls")),  # feeds/, sitemap.xml, robots.txt
    path("", include("jarida.ops.urls")),  # healthz
    path("", include("jarida.site.urls")),
]

if settings.JARIDA_SERVE_MEDIA:
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns.insert(0, re_path(r"^media/(?P<path>.*)$", serve,
                                  {"document_root": settings.MEDIA_ROOT}))
