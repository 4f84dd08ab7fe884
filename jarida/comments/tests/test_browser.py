"""Comments in a real browser: script-injection payloads posted through the real form,
approved, and shown; no script runs, the page keeps its layout, and it stays accessible.
Also the form without script (two clicks) and a reply posted without reloading."""

import pytest

from jarida.comments.models import Comment
from jarida.comments.services import comment_add, comments_moderate
from jarida.conftest import axe_violations, make_article, make_section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAYLOADS = [
    ("<img src=x onerror=\"window.__pwned=1\">", "<script>window.__pwned=1;alert('x')</script>"),
    ("قارئ", "<img src=x onerror=\"window.__pwned=1;alert(1)\"> صورة"),
    ("قارئ ٢", '<a href="javascript:window.__pwned=1">اضغط هنا</a> أو javascript:alert(1)'),
    ("قارئ ٣", "<svg onload=\"window.__pwned=1\"><script>alert(1)</script></svg>"),
    ("قارئ ٤", "&lt;script&gt;window.__pwned=1&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62;"),
    ("\u202eقارئ مقلوب", "\u202eنص مقلوب\u202c و\u2066معزول <b>عريض</b> \u202dLTR override"),
    ("قارئ ٥", 'https://example.com/"onmouseover="window.__pwned=1" رابط بحيلة'),
    ("قارئ ٦", "<style>body{display:none} h1{font-size:9em}</style> تنسيق"),
    ("قارئ ٧", "</textarea><script>window.__pwned=1</script><iframe srcdoc=x></iframe>"),
    ("قارئ ٨", "كلمة_طويلة_جدا_" * 40),
]


@pytest.fixture
def open_comments(comments_conf):
    # The live server runs in this process: these settings reach it. The fill time and
    # rate limits have their own tests; here every payload must get through.
    comments_conf(MIN_FILL_SECONDS=0, RATE_PER_IP="1000/60", RATE_PER_EMAIL="1000/60")


@pytest.fixture
def article():
    section = make_section("مجتمع", slug="مجتمع")
    make_article(section=section, headline="خبر آخر في القسم", hours_ago=3)
    return make_article(section=section)


def boxes(page) -> dict:
    return page.evaluate("""() => Object.fromEntries(
        ['#headline', '#comments-title', '#related-title', '.site-footer'].map(s => {
            const r = document.querySelector(s).getBoundingClientRect();
            return [s, [r.x, r.width, r.height]];
        }))""")


def post_through_form(page, name: str, email: str, body: str) -> str:
    form = page.locator("#comment-form")
    form.locator("textarea[name=body]").fill(body)
    form.locator("input[name=name]").fill(name)
    form.locator("input[name=email]").fill(email)
    form.locator("button[type=submit]").click()
    status = form.locator(".comment-form__status")
    status.filter(has_text="شكرًا").wait_for(timeout=5000)
    return status.inner_text()


def test_injection_payloads_are_shown_as_text_and_change_nothing(browser_page, article,
                                                                 open_comments, moderator):
    page = browser_page
    page.goto(page.base_url + article.get_absolute_url())
    before = boxes(page)
    for i, (name, body) in enumerate(PAYLOADS):
        message = post_through_form(page, name, f"reader{i}@example.com", body)
        assert "بانتظار المراجعة" in message
    assert Comment.objects.filter(status="pending").count() == len(PAYLOADS)
    comments_moderate(comments=Comment.objects.all(), action="approve", by=moderator)

    page.reload()
    assert page.locator(".comment").count() == len(PAYLOADS)
    assert page.evaluate("window.__pwned") is None
    assert page.problems == []
    after = boxes(page)
    assert after == before
    # No element came from a comment: only the template's own.
    for selector in ("script", "img", "svg", "iframe", "style", "b", "textarea"):
        assert page.locator(f"#comment-list {selector}").count() == 0
    hrefs = page.locator("#comment-list .comment__body a").evaluate_all(
        "links => links.map(a => [a.getAttribute('href'), a.rel])")
    assert hrefs and all(href.startswith("https://") and rel == "nofollow ugc noopener"
                         for href, rel in hrefs)
    text = page.locator("#comment-list").inner_text()
    assert "<script>window.__pwned=1;alert('x')</script>" in text
    assert "&lt;script&gt;" in text  # entities shown as typed, not decoded
    assert "\u202e" not in page.content()
    # The page after the comments still runs right to left, and nothing overflows.
    assert page.evaluate("getComputedStyle(document.querySelector('.site-footer')).direction") \
        == "rtl"
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    page.locator("#comment-list a").first.hover()
    page.locator("#comment-list").click(position={"x": 5, "y": 5})
    assert page.evaluate("window.__pwned") is None and page.problems == []


def test_the_page_with_comments_and_the_form_has_no_accessibility_violations(
        browser_page, article, open_comments):
    top = comment_add(article=article, name="منى الشريف", email="m@example.com",
                      body="خبر يبشّر سكان الساحل.\nوالقرى تنتظر دورها: https://example.com")
    comment_add(article=article, name="Tariq", email="t@example.com",
                body="English reply inside an Arabic page.", parent=top)
    page = browser_page
    page.goto(page.base_url + article.get_absolute_url())
    assert axe_violations(page) == []
    page.locator("#comment-form textarea").focus()
    assert axe_violations(page) == []
    assert page.problems == []


def test_a_reply_is_posted_without_reloading_and_shown_at_once(browser_page, article,
                                                               open_comments, comments_conf):
    comments_conf(MODE="post", NEW_COMMENTERS_PREMODERATED=False, MIN_FILL_SECONDS=0,
                  RATE_PER_IP="1000/60")
    top = comment_add(article=article, name="منى", email="m@example.com", body="تعليق أول")
    page = browser_page
    page.goto(page.base_url + article.get_absolute_url())
    page.evaluate("window.__sameDocument = true")
    page.locator(f"#comment-{top.pk} .comment__reply").click()
    assert page.locator(f"#comment-{top.pk} ~ #comment-form-area").count() == 1
    assert page.locator("#comment-form-replying").inner_text().startswith("ردًا على")
    message = post_through_form(page, "طارق", "t@example.com", "ردّ بلا إعادة تحميل")
    assert "نُشر تعليقك" in message
    assert page.evaluate("window.__sameDocument") is True
    reply = page.locator(f"#comment-{top.pk} ~ .comment-replies .comment")
    assert "ردّ بلا إعادة تحميل" in reply.inner_text()
    assert Comment.objects.get(name="طارق").parent_id == top.pk
    assert page.problems == []


def test_without_script_the_form_works_in_two_clicks(chromium, live_server, article,
                                                     open_comments):
    context = chromium.new_context(locale="ar", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + article.get_absolute_url())
        page.locator("#comment-form textarea").fill("تعليق من متصفح بلا جافاسكربت")
        page.locator("#comment-form input[name=name]").fill("سلمى")
        page.locator("#comment-form input[name=email]").fill("salma@example.com")
        page.locator("#comment-form button[type=submit]").click()
        assert "أرسل التعليق» مرة أخرى" in page.locator(".comment-form__status").inner_text()
        assert not Comment.objects.exists()
        assert page.locator("textarea").input_value() == "تعليق من متصفح بلا جافاسكربت"
        page.locator("#comment-form button[type=submit]").click()
        assert "بانتظار المراجعة" in page.locator("[role=status]").inner_text()
        assert Comment.objects.get().body == "تعليق من متصفح بلا جافاسكربت"
    finally:
        context.close()


def test_more_comments_are_added_in_place_page_by_page(browser_page, article, comments_conf,
                                                       tmp_path):
    comments_conf(THREADS_PER_PAGE=2)
    for i in range(1, 6):
        comment_add(article=article, name=f"قارئ {i}", email=f"r{i}@example.com",
                    body=f"رأي رقم {i} في مشروع التحلية")
    page = browser_page
    page.goto(page.base_url + article.get_absolute_url())
    page.evaluate("window.__sameDocument = true")
    comments = page.locator("#comment-list .comment-thread > .comment")
    assert comments.count() == 2
    more = page.locator(".comments__more a")
    more.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "comments-more.png"))
    more.click()
    comments.nth(3).wait_for()
    assert comments.count() == 4
    # Focus moves to the first comment added, so keyboard and screen reader users follow.
    assert "رأي رقم 3" in page.evaluate("document.activeElement.innerText")
    more.click()
    comments.nth(4).wait_for()
    assert page.locator(".comments__more").count() == 0  # nothing left to load
    assert [f"رأي رقم {i}" in comments.nth(i - 1).inner_text() for i in range(1, 6)] == [True] * 5
    assert page.evaluate("window.__sameDocument") is True
    assert axe_violations(page) == []
    # Without script the link leads to the next page of the conversation, a page of its own.
    page.goto(page.base_url + f"/comments/{article.pk}/page/2/")
    assert comments.count() == 2 and "رأي رقم 3" in comments.first.inner_text()
    assert page.locator("nav.pagination [aria-current=page]").inner_text() == "صفحة ٢ من ٣"
    assert axe_violations(page) == []
    assert page.problems == []
