"""Content-Security-Policy sources computed from the project's own files (settings import
this module: it stays free of models)."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

_STYLE = re.compile(r"<style>(.*?)</style>", re.S)


def inline_style_hashes(*templates: Path) -> list[str]:
    """`'sha256-…'` sources for each inline `<style>` of the given templates: the
    standalone error pages (400, 500), which carry their few rules inline so that they
    render whatever else is broken. Their CSS must be literal (no template tags)."""
    hashes = []
    for path in templates:
        for css in _STYLE.findall(path.read_text(encoding="utf-8")):
            digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode()
            hashes.append(f"'sha256-{digest}'")
    return list(dict.fromkeys(hashes))
