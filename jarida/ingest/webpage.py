"""An article web page's main text, with trafilatura.

Used when a feed carries only a summary: the linked page is fetched (by
jarida.ingest.transports) and this module keeps the article's paragraphs and drops the
page's boilerplate: menus, "اخبار قد تهمك" lists, "اترك تعليقا" forms, footers.
trafilatura is given the HTML as a string and never fetches anything itself.
"""

from __future__ import annotations

import trafilatura
from lxml import html as lxml_html

# Pages bigger than this are not worth parsing for one article's text.
MAX_PAGE_CHARS = 5_000_000


def page_decode(content: bytes, *, content_type: str = "") -> str:
    """Bytes of a page as text: the charset the server named, else UTF-8 (the web's and
    Arabic sites' usual encoding), with bad bytes replaced rather than failing."""
    charset = "utf-8"
    for part in content_type.split(";"):
        name, _, value = part.strip().partition("=")
        if name.lower() == "charset" and value:
            charset = value.strip("\"' ")
    try:
        return content.decode(charset, errors="replace")
    except LookupError:
        return content.decode("utf-8", errors="replace")


def article_extract(page_html: str, *, url: str = "") -> str:
    """The article's body as HTML paragraphs (to go through `body_sanitize`), or "" when
    no article text is found. The page's <h1> is dropped: it repeats the headline."""
    if not page_html or len(page_html) > MAX_PAGE_CHARS:
        return ""
    extracted = trafilatura.extract(
        page_html, url=url or None, output_format="html", include_comments=False,
        include_tables=False, include_images=False, include_links=False,
        favor_precision=True, deduplicate=False,
    )
    if not extracted:
        return ""
    tree = lxml_html.fromstring(extracted)
    for heading in tree.xpath("//h1"):
        heading.drop_tree()
    body = tree.find("body") if tree.tag == "html" else tree
    if body is None:
        return ""
    return "".join(lxml_html.tostring(child, encoding="unicode") for child in body).strip()
