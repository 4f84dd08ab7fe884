"""Template filters for the reader site: digits, Arabic and Hijri dates."""

from datetime import datetime

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString

from jarida.arabic.digits import digits_localize
from jarida.arabic.hijri import hijri_from_gregorian
from jarida.caching.fragments import fragment_render
from jarida.newsroom.models import Section

register = template.Library()


@register.filter
def digits(value) -> str:
    """Print a number (or any text's digits) in the site's digit style."""
    return digits_localize(str(value), style=settings.JARIDA_DIGITS)


@register.filter
def arabic_date(value: datetime | None, with_time: bool = True) -> str:
    """"الأربعاء 25 نوفمبر 2026، 14:05" in the site's time zone and digit style."""
    if not value:
        return ""
    local = timezone.localtime(value)
    text = date_format(local, "l j F Y")
    if with_time:
        text += "، " + date_format(local, "H:i")
    return digits_localize(text, style=settings.JARIDA_DIGITS)


@register.filter
def hijri_date(value: datetime | None) -> str:
    if not value:
        return ""
    hijri = hijri_from_gregorian(timezone.localtime(value).date())
    return digits_localize(str(hijri), style=settings.JARIDA_DIGITS) if hijri else ""


@register.simple_tag
def time_tag(value: datetime | None, *, hijri: bool = False, with_time: bool = True) -> str:
    """A `<time datetime="ISO 8601">` with the Arabic date, and the Hijri date beside it."""
    if not value:
        return ""
    iso = timezone.localtime(value).isoformat(timespec="seconds")
    label = arabic_date(value, with_time)
    if hijri and (h := hijri_date(value)):
        return format_html('<time datetime="{}">{}</time> <span class="hijri">({})</span>',
                           iso, label, h)
    return format_html('<time datetime="{}">{}</time>', iso, label)


@register.simple_tag
def today_line() -> str:
    """Today's date for the masthead: Gregorian, then Hijri, as Arabic papers print it."""
    now = timezone.now()
    return f"{arabic_date(now, False)} - {hijri_date(now)}"


@register.simple_tag
def sections_nav() -> SafeString:
    """The masthead's list of top-level sections, a fragment cached on every page (a
    changed section purges everything)."""
    return fragment_render("sections-nav", tags=set(), render=lambda: render_to_string(
        "site/_sections_nav.html",
        {"sections": Section.objects.filter(parent__isnull=True).only("name", "slug")}))
