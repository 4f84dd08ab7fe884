"""Shared test fixtures: three personas (editor, writer, moderator) and small factories
that write real Arabic, instead of fixture files."""

from __future__ import annotations

import itertools
import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from jarida.newsroom import services
from jarida.newsroom.models import Article, Author, Section, Tag
from jarida.newsroom.roles import EDITOR, MODERATOR, WRITER, roles_ensure

_seq = itertools.count(1)

BODY = (
    "<p>أعلنت وزارة المياه أن محطة التحلية الجديدة ستدخل الخدمة قبل نهاية العام، "
    "لتوفر مياه الشرب لنحو مئتي ألف أسرة في المدن الساحلية.</p>"
    "<h2>كلفة المشروع</h2>"
    "<p>وبلغت كلفة المشروع ما يقارب أربعمئة مليون دولار، مولتها الحكومة بالشراكة مع "
    "مصارف محلية.</p>"
    "<blockquote><p>«المحطة خطوة أولى في خطة تمتد عشر سنوات»</p>"
    "<cite>سامي العتيبي، وزير المياه</cite></blockquote>"
)


def _user(username: str, role: str | None, **extra):
    user = get_user_model().objects.create_user(username=username, password="pass-" + username,
                                                is_staff=True, **extra)
    if role:
        user.groups.add(roles_ensure()[role])
    return user


@pytest.fixture
def editor(db):
    return _user("editor", EDITOR)


@pytest.fixture
def writer(db):
    return _user("writer", WRITER)


@pytest.fixture
def moderator(db):
    return _user("moderator", MODERATOR)


@pytest.fixture
def section(db) -> Section:
    return make_section()


def make_section(name: str = "اقتصاد", slug: str | None = None, **fields) -> Section:
    n = next(_seq)
    return Section.objects.create(name=name, slug=slug or f"{name.replace(' ', '-')}-{n}",
                                  position=n, **fields)


def make_author(name: str = "ليلى الحسيني", **fields) -> Author:
    n = next(_seq)
    return Author.objects.create(name=name, slug=f"{name.replace(' ', '-')}-{n}", **fields)


def make_tag(name: str = "المياه") -> Tag:
    n = next(_seq)
    return Tag.objects.create(name=name, slug=f"{name}-{n}")


def make_article(*, section: Section | None = None, headline: str = "افتتاح محطة تحلية المياه في الساحل",
                 published: bool = True, hours_ago: float = 1, by=None, authors=(), tags=(),
                 **fields) -> Article:
    """A draft, or (by default) an article published `hours_ago` hours ago."""
    article = services.article_create(
        by=by, headline=headline, section=section or make_section(),
        standfirst=fields.pop("standfirst", "مشروع جديد يوفر مياه الشرب لمئتي ألف أسرة."),
        body=fields.pop("body", BODY), authors=authors, tags=tags, **fields,
    )
    if published:
        services.article_publish(article=article, by=None,
                                 at=timezone.now() - timedelta(hours=hours_ago))
    return article


# Browser tests: Debian's Chromium driven by Playwright, against pytest-django's live_server.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
AXE_JS = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def chromium():
    """One Chromium for the whole run. Skipped where it is not installed, except in CI,
    where a missing browser is a failure."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium package")
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's ORM calls are
    # still synchronous, so Django's async guard must not stop them.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium, live_server):
    """A fresh page with console errors and dialogs collected on `page.problems`."""
    context = chromium.new_context(locale="ar", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("dialog", lambda d: (page.problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.base_url = live_server.url
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    """Run axe-core (from the npm registry, see package.json) in the page."""
    # Evaluated through the DevTools protocol: an injected <script> tag would be inline
    # script, which the site's Content-Security-Policy (rightly) refuses.
    page.evaluate(AXE_JS.read_text() + "\n;true")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
            for v in result["violations"]]
