"""The article body editor in a real browser keeps what the reader page shows: a quote's
speaker (`<cite>`) survives opening and saving an article, and an editor can mark one."""

import pytest

from jarida.conftest import make_article
from jarida.newsroom.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUOTED_BODY = (
    "<p>افتتحت البلدية الجسر الجديد فوق الوادي صباح الأحد.</p>"
    "<blockquote><p>سيختصر الجسر الطريق إلى المدارس بنصف ساعة.</p>"
    "<cite>رئيسة البلدية</cite></blockquote>"
    "<p>وبدأت الحافلات استعماله في اليوم نفسه.</p>"
)


def _open_in_editor(page, article):
    page.goto(page.base_url + "/admin/login/?next=/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pass-editor")
    page.click("input[type=submit]")
    page.wait_for_url(page.base_url + "/admin/")
    page.goto(page.base_url + f"/admin/newsroom/article/{article.pk}/change/")
    area = page.locator(".ProseMirror[contenteditable]")
    area.wait_for()
    return area


def _save(page):
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")


def test_it_keeps_a_quotes_speaker_when_the_article_is_saved(browser_page, editor):
    article = make_article(by=editor, published=False, body=QUOTED_BODY)
    page = browser_page
    area = _open_in_editor(page, article)

    assert area.locator("blockquote cite").inner_text() == "رئيسة البلدية"
    _save(page)

    body = Article.objects.get(pk=article.pk).body
    assert "<cite>رئيسة البلدية</cite></blockquote>" in body
    assert "<p>رئيسة البلدية</p>" not in body
    assert page.problems == []


def test_it_lets_an_editor_mark_a_line_of_a_quote_as_its_speaker(browser_page, editor):
    body = ("<blockquote><p>المياه ستصل إلى كل بيت قبل الصيف.</p>"
            "<p>مدير شركة المياه</p></blockquote>")
    article = make_article(by=editor, published=False, body=body)
    page = browser_page
    area = _open_in_editor(page, article)

    area.locator("blockquote p", has_text="مدير شركة المياه").click()
    button = page.locator("button[title='قائل الاقتباس']")
    button.click()
    assert area.locator("blockquote cite").inner_text() == "مدير شركة المياه"
    _save(page)

    saved = Article.objects.get(pk=article.pk).body
    assert "<cite>مدير شركة المياه</cite>" in saved
    assert "<p>المياه ستصل إلى كل بيت قبل الصيف.</p>" in saved
    assert page.problems == []


def test_the_editor_speaks_arabic_in_its_toolbar_menu_and_dialogs(browser_page, editor):
    article = make_article(by=editor, published=False, body=QUOTED_BODY)
    page = browser_page
    area = _open_in_editor(page, article)

    menubar = page.locator(".prose-menubar")
    titles = menubar.evaluate("bar => [...bar.querySelectorAll('[title]')].map(b => b.title)")
    assert {"عريض", "مائل", "اقتباس", "قائمة نقطية", "أدرج رابطًا", "تراجع"} <= set(titles)
    assert not {"bold", "italic", "blockquote", "undo"} & set(titles)
    # The block type menu: its options, and its caret drawn, not a glyph fonts may lack.
    options = menubar.locator(".prose-menubar__option").all_inner_texts()
    assert [o.strip() for o in options] == ["عنوان فرعي", "عنوان فرعي أصغر", "فقرة"]
    caret = menubar.locator(".prose-menubar__selected").evaluate(
        "node => getComputedStyle(node, '::after').content")
    assert caret in ('""', "none")

    area.locator("p").first.dblclick()
    menubar.locator("button[title='أدرج رابطًا']").click()
    dialog = page.locator("dialog[open]")
    assert "حرّر الرابط" in dialog.inner_text() and "Edit Link" not in dialog.inner_text()
    assert page.problems == []
