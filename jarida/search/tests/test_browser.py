"""The search page in a real browser: right to left, matches highlighted, no axe violation,
and a reader finds the same story with or without the hamza."""

import io
import os

import pytest
from PIL import Image

from jarida.conftest import axe_violations, make_article, make_section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MARK_COLOUR = (0xFF, 0xF1, 0xA8)  # --mark in site.css


@pytest.fixture
def stories():
    world = make_section("دولي", slug="world")
    lead = make_article(
        section=world, headline="أمريكا تعلن خطة جديدة للطاقة", hours_ago=2,
        standfirst="الإدارة الأَمْرِيكِيَّة تريد خفض الانبعاثات بحلول نهاية العقد.",
        body="<p>قال مسؤولون إن أمريكا ستستثمر في الطاقة الشمسية وطاقة الرياح.</p>")
    other = make_article(section=world, headline="الصين وأمريكا تستأنفان المحادثات",
                         hours_ago=30)
    make_article(section=world, headline="أسعار الذهب تتراجع", hours_ago=5)
    return lead, other


def _search_from_the_masthead(page, text: str) -> list[str]:
    page.goto(page.base_url + "/")
    page.get_by_role("searchbox", name="ابحث في الموقع").fill(text)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    return page.locator(".search-result__headline a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")


def test_a_reader_finds_the_story_with_and_without_the_hamza(browser_page, stories):
    lead, other = stories
    with_hamza = _search_from_the_masthead(browser_page, "أمريكا")
    without = _search_from_the_masthead(browser_page, "امريكا")
    assert with_hamza == without == [lead.get_absolute_url(), other.get_absolute_url()]
    assert browser_page.problems == []


def test_results_read_right_to_left_with_the_matches_highlighted(browser_page, stories,
                                                                 tmp_path):
    page = browser_page
    page.goto(page.base_url + "/search/?q=امريكا")
    assert page.locator("html").get_attribute("dir") == "rtl"
    first = page.locator(".search-result").first
    assert page.evaluate("getComputedStyle(document.querySelector('.search-result'))"
                         ".direction") == "rtl"
    assert first.locator("mark").all_inner_texts() == ["أمريكا", "أمريكا"]  # headline, snippet
    # The headline starts with the match, so in RTL the mark sits at the right edge.
    headline = first.locator("h2 a").bounding_box()
    mark = first.locator("h2 mark").bounding_box()
    assert abs((mark["x"] + mark["width"]) - (headline["x"] + headline["width"])) < 2
    # The screenshot shows the highlight colour where the mark is.
    shot = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    box = [round(v) for v in (mark["x"], mark["y"], mark["x"] + mark["width"],
                              mark["y"] + mark["height"])]
    area = shot.crop(box)
    colours = area.getcolors(maxcolors=area.width * area.height)
    highlighted = sum(count for count, colour in colours
                      if all(abs(a - b) < 8 for a, b in zip(colour, MARK_COLOUR, strict=True)))
    assert highlighted > area.width * area.height / 3
    if os.environ.get("JARIDA_SCREENSHOTS"):
        page.screenshot(path=os.environ["JARIDA_SCREENSHOTS"] + "/search-results.png",
                        full_page=True)
    assert page.problems == []


@pytest.mark.parametrize("query", ["", "امريكا", "امريكه", "ترمب", "في من"])
def test_the_page_has_no_accessibility_violations(browser_page, stories, query):
    page = browser_page
    page.goto(page.base_url + "/search/?q=" + query)
    assert axe_violations(page) == []
    assert page.problems == []


def test_it_works_without_javascript(chromium, live_server, stories):
    context = chromium.new_context(locale="ar", java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/search/")
    page.get_by_label("ابحث عن").fill("أمريكا")
    page.get_by_role("button", name="ابحث").click()
    assert page.locator(".search-result").count() == 2
    context.close()
