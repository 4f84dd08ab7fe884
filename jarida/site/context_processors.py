from django.conf import settings

from jarida.newsroom.models import Section


def site(request) -> dict:
    """Site name and the navigation (top-level sections), for every page."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "nav_sections": Section.objects.filter(parent__isnull=True).only("name", "slug"),
    }
