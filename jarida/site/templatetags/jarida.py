"""Template filters for the reader site: digits, Arabic and Hijri dates."""

from datetime import date, datetime
from functools import lru_cache
from urllib.parse import quote

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from jarida.arabic.digits import digits_localize
from jarida.arabic.hijri import hijri_from_gregorian
from jarida.caching.fragments import fragment_render
from jarida.newsroom.models import Section
from jarida.syndication.common import absolute_url

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


# Share links: plain links to each service (no code of theirs on the page). Built here
# rather than in a template: on every article page, and ten times cheaper this way.
SHARE_SERVICES = (
    (gettext_lazy("واتساب"), "https://wa.me/?text={text}%20{url}"),
    (gettext_lazy("تيليغرام"), "https://t.me/share/url?url={url}&text={text}"),
    (gettext_lazy("إكس"), "https://x.com/intent/post?url={url}&text={text}"),
    (gettext_lazy("فيسبوك"), "https://www.facebook.com/sharer/sharer.php?u={url}"),
)


@register.simple_tag
def share_block(article) -> SafeString:
    """The share links under an article, with its short address (`/a/<id>/`, which leads
    to the canonical one): short in a chat message, and it survives a changed slug.
    Script adds "copy the link" and the device's own share sheet (jarida/share.js)."""
    return _share_html(article.pk, article.headline, settings.SITE_URL, get_language())


@lru_cache(maxsize=2048)
def _share_html(pk: int, headline: str, site_url: str, language: str) -> SafeString:
    # Everything the block shows is in the key (the site's address and the language
    # only key it): an article page renders it once per process, not once per miss.
    url = absolute_url(reverse("site:article_by_id", kwargs={"pk": pk}))
    text, quoted = quote(headline, safe=""), quote(url, safe="")
    links = [(label, href.format(text=text, url=quoted)) for label, href in SHARE_SERVICES]
    links.append((_("البريد"), f"mailto:?subject={text}&body={quoted}"))
    items = format_html_join(
        "", '<li><a class="share__link" href="{}"{}>{}</a></li>',
        ((href, "" if href.startswith("mailto:") else
          mark_safe(' target="_blank" rel="noopener noreferrer"'), label)
         for label, href in links))
    return format_html(
        '<nav class="share" aria-label="{}"><p class="share__title">{}</p>'
        '<ul class="share__list">{}'
        '<li hidden data-share-native><button type="button" class="share__link" data-title="{}"'
        ' data-url="{}">{}</button></li>'
        '<li hidden data-share-copy><button type="button" class="share__link" data-url="{}"'
        ' data-done="{}">{}</button></li></ul>'
        '<p class="share__status" role="status" aria-live="polite"></p></nav>'
        '<script src="{}" defer></script>',
        _("شارك هذا الخبر"), _("شارك الخبر:"), items, headline, url, _("مشاركة…"),
        url, _("نُسخ الرابط"), _("انسخ الرابط"), static("jarida/share.js"))
