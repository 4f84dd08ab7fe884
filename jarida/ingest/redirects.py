"""Old URLs of imported articles, stored as `newsroom.Redirect` rows.

A path is stored decoded and in Unicode NFC, so a request for the raw Arabic path and
one for its percent-encoding (upper- or lower-case hex) find the same row; Django hands
views the decoded path, and `redirect_path_normalize` decodes stored links the same way.
WordPress's "plain" links are stored as the path plus `?p=<id>` (see
jarida.ingest.middleware).
"""

from __future__ import annotations

import unicodedata
from urllib.parse import unquote, urlsplit

from jarida.newsroom.models import Article, Redirect

MAX_PATH_CHARS = Redirect._meta.get_field("old_path").max_length


def redirect_path_normalize(path: str) -> str:
    """A path (or a full URL) as it is stored and looked up: decoded, NFC, leading slash,
    no query or fragment."""
    path = urlsplit(path or "").path or "/"
    path = unicodedata.normalize("NFC", unquote(path, errors="replace"))
    return path if path.startswith("/") else "/" + path


def redirect_paths_for_post(*, link: str, post_id: int, blog_url: str = "",
                            slug: str = "") -> list[str]:
    """The paths a WordPress post answered at: its permalink's path, `?p=<id>` under the
    blog's root, and `<root><slug>/` (WordPress also finds a post by its bare slug, and
    "/%postname%/" is the usual permalink of Arabic sites)."""
    root = redirect_path_normalize(blog_url).rstrip("/") + "/"
    paths = []
    if not urlsplit(link or "").query:
        permalink = redirect_path_normalize(link)
        if permalink != root:
            paths.append(permalink)
    paths.append(f"{root}?p={post_id}")
    if slug:
        paths.append(f"{root}{redirect_path_normalize(slug).strip('/')}/")
    return [p for p in dict.fromkeys(paths) if len(p) <= MAX_PATH_CHARS]


def redirects_ensure(*, old_paths: list[str], article: Article) -> dict[str, str]:
    """Point each of `old_paths` at `article`, in two queries. Returns each path's outcome:
    "created", "unchanged", or "taken" (the path already leads to another article, which
    keeps it: the first import wins)."""
    existing = dict(Redirect.objects.filter(old_path__in=old_paths)
                    .values_list("old_path", "article_id"))
    missing = [p for p in dict.fromkeys(old_paths) if p not in existing]
    Redirect.objects.bulk_create([Redirect(old_path=p, article=article) for p in missing])
    outcomes = {p: "created" for p in missing}
    outcomes.update({p: "unchanged" if a == article.pk else "taken" for p, a in existing.items()})
    return outcomes
