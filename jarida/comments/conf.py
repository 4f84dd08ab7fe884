"""The comment settings (settings.JARIDA_COMMENTS), read at call time so tests and
deployments can change them, and checked loudly when they make no sense."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def comments_setting(name: str) -> Any:
    try:
        return settings.JARIDA_COMMENTS[name]
    except KeyError:
        raise ImproperlyConfigured(f"settings.JARIDA_COMMENTS has no {name!r}") from None


def rates_parse(spec: str) -> list[tuple[int, int]]:
    """"4/60,30/3600" -> [(4, 60), (30, 3600)]: at most 4 in any minute and 30 an hour."""
    rates = []
    for part in spec.split(","):
        if not part.strip():
            continue
        try:
            count, seconds = (int(x) for x in part.split("/"))
        except ValueError:
            raise ImproperlyConfigured(
                f"A comment rate must read count/seconds (like 4/60), not {part!r}") from None
        if count < 1 or seconds < 1:
            raise ImproperlyConfigured(f"A comment rate must be positive, not {part!r}")
        rates.append((count, seconds))
    return rates
