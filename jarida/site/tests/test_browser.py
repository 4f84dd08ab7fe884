"""The reader site in a real browser: RTL, no console errors, no axe violations."""

import pytest

from jarida.conftest import axe_violations, make_article, make_author, make_section, make_tag

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def article():
    section = make_section("اقتصاد", slug="اقتصاد")
    for i in range(3):
        make_article(section=section, headline=f"أسعار الذهب تتراجع للأسبوع {i + 2}",
                     hours_ago=5 + i)
    return make_article(section=section, authors=[make_author("ليلى الحسيني")],
                        tags=[make_tag("المياه")], source_credit="وكالة الأنباء العربية")


def test_it_renders_the_article_page_rtl_with_every_element(browser_page, article):
    page = browser_page
    page.goto(page.base_url + article.get_absolute_url())
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("h1").inner_text() == article.headline
    assert "بواسطة" in page.locator(".byline").inner_text()
    assert page.locator("time[datetime]").first.get_attribute("datetime").startswith("20")
    assert page.locator(".article__body h2").count() == 1
    assert page.locator(".article__body blockquote cite").count() == 1
    assert page.get_by_role("heading", name="اخبار قد تهمك").is_visible()
    assert page.get_by_role("heading", name="اترك تعليقا").is_visible()
    # Right to left: the headline's text starts at the right edge of its box.
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).direction") == "rtl"
    assert page.problems == []


@pytest.mark.parametrize("path", ["/", "article"])
def test_it_has_no_accessibility_violations(browser_page, article, path):
    page = browser_page
    page.goto(page.base_url + (article.get_absolute_url() if path == "article" else path))
    assert axe_violations(page) == []
    assert page.problems == []


def test_it_reads_well_at_320_pixels(browser_page, article):
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(page.base_url + article.get_absolute_url())
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_a_reader_copies_the_articles_link_in_one_click(browser_page, article, settings,
                                                         tmp_path):
    page = browser_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(page.base_url + article.get_absolute_url())
    share = page.get_by_role("navigation", name="شارك هذا الخبر")
    assert share.get_by_role("link", name="واتساب").get_attribute("href").startswith(
        "https://wa.me/?text=")
    copy = share.get_by_role("button", name="انسخ الرابط")
    copy.click()
    share.get_by_role("status").filter(has_text="نُسخ الرابط").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{settings.SITE_URL}/a/{article.pk}/"
    share.screenshot(path=str(tmp_path / "share.png"))
    assert page.problems == []


def test_a_printed_article_keeps_the_story_and_drops_the_sites_furniture(browser_page, article,
                                                                         tmp_path):
    page = browser_page
    page.goto(page.base_url + article.get_absolute_url())
    page.emulate_media(media="print")
    shown = page.evaluate("""() => Object.fromEntries(
        ['h1', '.byline', '.article__body', '.sections-nav', '.share', '.related',
         '#comments', '.masthead__search'].map(s => {
            const node = document.querySelector(s);
            return [s, node ? getComputedStyle(node).display !== 'none' : 'missing'];
        }))""")
    assert shown == {"h1": True, ".byline": True, ".article__body": True,
                     ".sections-nav": False, ".share": False, ".related": False,
                     "#comments": False, ".masthead__search": False}
    pdf = tmp_path / "article.pdf"
    page.pdf(path=str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    assert page.problems == []
