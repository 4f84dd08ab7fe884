"""The article body editor's own extension: the speaker of a quote (`<cite>`).

django-prose-editor knows no `<cite>` node, so Jarida brings one (static
jarida/admin/prose-cite.js). Settings register it through DJANGO_PROSE_EDITOR_EXTENSIONS;
this module stays free of models so that settings can import it.
"""

from __future__ import annotations

from typing import Any


def cite_allowlist(config: Any, shared_config: dict[str, Any]) -> None:
    """What the Cite node adds to the editor's own sanitizer allow-list: the tag alone."""
    shared_config["tags"].add("cite")
