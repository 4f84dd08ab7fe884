"""WordPress post content to body HTML (before `body_sanitize`).

WordPress stores classic-editor posts without paragraph tags: paragraphs are separated
by blank lines and single newlines are line breaks, and its `wpautop` filter adds the
`<p>` and `<br>` when a page is shown. An export carries the stored text, so the
importer does what wpautop does. Block-editor posts already have their `<p>` tags
(between `<!-- wp:... -->` comments) and pass through unchanged. The `[caption]`
shortcode becomes a `<figure>`; other shortcodes, which would print as bracketed noise,
are dropped.
"""

from __future__ import annotations

import html
import re

# Block-level tags: a chunk that starts with one is not wrapped in <p>, and each of these
# tags gets blank lines around it so it stands as a chunk of its own, as in wpautop.
_BLOCKS = (
    "address|article|aside|blockquote|caption|dd|details|div|dl|dt|figcaption|figure|"
    "footer|form|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|tbody|td|tfoot|th|"
    "thead|tr|ul"
)
_BLOCK_OPEN = re.compile(rf"(<(?:{_BLOCKS})[\s/>])", re.I)
_BLOCK_CLOSE = re.compile(rf"(</(?:{_BLOCKS})>)", re.I)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_EMPTY_P = re.compile(r"<p>\s*</p>\n?")
_P_AROUND_BLOCK = re.compile(rf"<p>\s*(</?(?:{_BLOCKS})[^>]*>)\s*</p>", re.I)
_P_AROUND_LI = re.compile(r"<p>(<li.+?)</p>", re.I)
_P_BLOCKQUOTE_OPEN = re.compile(r"<p><blockquote([^>]*)>", re.I)
_P_BEFORE_BLOCK = re.compile(rf"<p>\s*(</?(?:{_BLOCKS})[^>]*>)", re.I)
_BLOCK_BEFORE_P_END = re.compile(rf"(</?(?:{_BLOCKS})[^>]*>)\s*</p>", re.I)
_NEWLINE = re.compile(r"(?<!<br>)\s*\n(?!$)")
_BR_AFTER_BLOCK = re.compile(rf"(</?(?:{_BLOCKS})[^>]*>)\s*<br>", re.I)
_BR_BEFORE_BLOCK = re.compile(r"<br>(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", re.I)
_CAPTION = re.compile(r"\[(?:caption|wp_caption)\b[^\]]*\](.*?)\[/(?:caption|wp_caption)\]",
                      re.S | re.I)
_IMG = re.compile(r"<img\b[^>]*>", re.I)
_LINKED_IMG = re.compile(r"(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?", re.I)
_EMBED = re.compile(r"\[embed\b[^\]]*\](.*?)\[/embed\]", re.S | re.I)
# Only WordPress's own shortcodes: Arabic prose uses square brackets too ("[...]").
_SHORTCODE = re.compile(
    r"\[/?(?:gallery|audio|video|playlist|embed|wp_caption|caption|contact-form-7|"
    r"vc_[a-z_]+|et_pb_[a-z_]+)\b[^\]]*\]", re.I)
_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.S)
_BLANK_LINES = re.compile(r"\n\s*\n+")
_HAS_PARAGRAPHS = re.compile(r"<p[\s>]", re.I)
_FIGURE_MARK = re.compile(r"(?:<p>)?@@figure(\d+)@@(?:</p>)?")


def _caption_to_figure(match: re.Match[str]) -> str:
    """[caption ...]<a><img></a> caption text[/caption] to <figure> with <figcaption>."""
    inner = match.group(1)
    image = _LINKED_IMG.search(inner)
    if image is None:
        return inner
    caption = html.escape(html.unescape(re.sub(r"<[^>]+>", "", inner[image.end():])).strip(),
                          quote=False)
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    img = _IMG.search(image.group(0)).group(0)  # the link around the image is not kept
    return f"<figure>{img}{figcaption}</figure>"


def wpautop(text: str) -> str:
    """Paragraphs from blank lines and line breaks from single newlines, as WordPress's
    wpautop does (the same steps, in the same order), leaving block-level HTML as is."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return ""
    text = _BLOCK_OPEN.sub(r"\n\n\1", text + "\n")
    text = _BLOCK_CLOSE.sub(r"\1\n\n", text)
    text = "".join(f"<p>{chunk.strip()}</p>\n" for chunk in _PARAGRAPH_BREAK.split(text)
                   if chunk.strip())
    text = _EMPTY_P.sub("", text)
    text = _P_AROUND_BLOCK.sub(r"\1", text)
    text = _P_AROUND_LI.sub(r"\1", text)
    text = _P_BLOCKQUOTE_OPEN.sub(r"<blockquote\1><p>", text).replace(
        "</blockquote></p>", "</p></blockquote>")
    text = _P_BEFORE_BLOCK.sub(r"\1", text)
    text = _BLOCK_BEFORE_P_END.sub(r"\1", text)
    text = _NEWLINE.sub("<br>\n", text)
    text = _BR_AFTER_BLOCK.sub(r"\1", text)
    text = _BR_BEFORE_BLOCK.sub(r"\1", text)
    return text.replace("\n</p>", "</p>").strip()


def wp_content_to_html(content: str) -> str:
    """A post's stored content as body HTML, ready for `body_sanitize`."""
    text = content or ""
    # Figures are set aside while paragraphs are made, so their parts stay together.
    figures: list[str] = []

    def keep_figure(match: re.Match[str]) -> str:
        figures.append(_caption_to_figure(match))
        return f"\n\n@@figure{len(figures) - 1}@@\n\n"

    text = _CAPTION.sub(keep_figure, text)
    text = _EMBED.sub(lambda m: f'\n\n<p><a href="{html.escape(m.group(1).strip())}">'
                                f'{html.escape(m.group(1).strip())}</a></p>\n\n', text)
    text = _SHORTCODE.sub("", text)
    if _BLOCK_COMMENT.search(text) or _HAS_PARAGRAPHS.search(text):
        # Block-editor content (or hand-written HTML) has its paragraphs already.
        text = _BLANK_LINES.sub("\n", _BLOCK_COMMENT.sub("", text)).strip()
    else:
        text = wpautop(text)
    return _FIGURE_MARK.sub(
        lambda m: figures[int(m.group(1))] if int(m.group(1)) < len(figures) else m.group(0),
        text)


def plain_text(value: str) -> str:
    """A title or excerpt as plain text: tags dropped, entities decoded, spaces collapsed."""
    text = re.sub(r"<[^>]+>", " ", value or "")
    text = html.unescape(text).replace("\x00", "")
    return re.sub(r"\s+", " ", text).strip()
