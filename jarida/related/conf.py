"""Settings of related lists, overridable with a `JARIDA_RELATED` dict in settings."""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    "STORED": 10,  # entries stored per article; read-time filters may drop some
    "SHOWN": 6,  # entries shown under the article and served by the API
    "MIN_SHOWN": 4,  # fewer than this: fill up with the latest of the same section
    "MIN_SCORE": 0.03,  # weaker matches are not stored; the section's latest fill in
    "CANDIDATES": 100,  # best candidates by key-term dot product, re-ranked by the blend
    "RARE_DF_SHARE": 0.002,  # a key term in at most this share of articles is "rare"
    "REFRESH_RECENT": 10,  # on publish, recompute the lists of up to this many neighbours
    "REFRESH_WITHIN_DAYS": 30,  # ...published within this many days of now
    "IMPORT_SYNC_MAX": 100,  # bigger import batches leave lists to rebuild_related --missing
}


def related_setting(name: str) -> Any:
    return getattr(settings, "JARIDA_RELATED", {}).get(name, DEFAULTS[name])
