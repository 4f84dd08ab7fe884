from django.conf import settings


def site(request) -> dict:
    """The site's name, for every page (the navigation is a fragment: {% sections_nav %})."""
    return {"SITE_NAME": settings.SITE_NAME}
