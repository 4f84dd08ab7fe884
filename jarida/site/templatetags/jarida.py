"""Template filters for the reader site: digits, Arabic and Hijri dates."""

from datetime import date, datetime
from functools import lru_cache

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from jarida.arabic.digits import digits_localize
from jarida.arabic.hijri import hijri_from_gregorian
from jarida.caching.fragments import fragment_render
from jarida.newsroom.models import Section

register = template.Library()


@register.filter
def digits(value) -> str:
    """Print a number (or any text's digits) in the site's digit style."""
    return digits_localize(str(value), style=settings.JARIDA_DIGITS)


@lru_cache(maxsize=4096)
def _date_label(local: date, with_time: bool, language: str, style: str) -> str:
    # One entry per (local wall time, language, digit style): a page shows few distinct
    # dates, and formatting one costs more than the rest of its tag. `local` is naive (an
    # aware datetime equals the same instant in any zone); `language` keys the cache only.
    text = date_format(local, "l j F Y")
    if with_time:
        text += "، " + date_format(local, "H:i")
    return digits_localize(text, style=style)


@lru_cache(maxsize=4096)
def _hijri_label(day: date, style: str) -> str:
    hijri = hijri_from_gregorian(day)
    return digits_localize(str(hijri), style=style) if hijri else ""


@register.filter
def arabic_date(value: datetime | None, with_time: bool = True) -> str:
    """"الأربعاء 25 نوفمبر 2026، 14:05" in the site's time zone and digit style."""
    if not value:
        return ""
    local = timezone.localtime(value).replace(tzinfo=None)
    return _date_label(local, bool(with_time), get_language(), settings.JARIDA_DIGITS)


@register.filter
def hijri_date(value: datetime | None) -> str:
    if not value:
        return ""
    return _hijri_label(timezone.localtime(value).date(), settings.JARIDA_DIGITS)


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
    today = timezone.localdate()
    style = settings.JARIDA_DIGITS
    return f"{_date_label(today, False, get_language(), style)} - {_hijri_label(today, style)}"


@register.simple_tag
def sections_nav() -> SafeString:
    """The masthead's list of top-level sections, a fragment cached on every page (a
    changed section purges everything)."""
    return fragment_render("sections-nav", tags=set(), render=lambda: render_to_string(
        "site/_sections_nav.html",
        {"sections": Section.objects.filter(parent__isnull=True).only("name", "slug")}))
