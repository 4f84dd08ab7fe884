"""The newsroom works in a real browser under the Content-Security-Policy: the sign-in page,
the article list and the article form with its rich text editor run without a single
policy violation."""

import pytest

from jarida.conftest import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations") + page.problems


def test_it_runs_the_admin_and_its_editor_without_csp_violations(browser_page, editor,
                                                                 tmp_path):
    article = make_article(by=editor, published=False, headline="مسودة عن موسم الحصاد")
    page = browser_page
    page.add_init_script(RECORD_VIOLATIONS)

    page.goto(page.base_url + "/admin/login/?next=/admin/")
    assert violations(page) == []
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pass-editor")
    page.click("input[type=submit]")
    page.wait_for_url(page.base_url + "/admin/")
    assert violations(page) == []

    page.goto(page.base_url + "/admin/newsroom/article/")
    assert page.get_by_text(article.headline).is_visible()
    assert violations(page) == []

    page.goto(page.base_url + f"/admin/newsroom/article/{article.pk}/change/")
    editor_area = page.locator(".ProseMirror[contenteditable]")
    editor_area.wait_for()  # the editor's modules loaded through the nonce'd import map
    assert editor_area.get_attribute("contenteditable") == "true"
    editor_area.click()
    page.keyboard.type(" وأضافت الوزارة تفاصيل جديدة.")
    assert "تفاصيل جديدة" in editor_area.inner_text()
    page.screenshot(path=str(tmp_path / "admin-article-form.png"), full_page=False)
    assert violations(page) == []

    # And the policy is really enforced: an injected inline script is refused and seen.
    page.evaluate("""() => { const s = document.createElement("script");
                             s.textContent = "window.__ran = true"; document.body.append(s); }""")
    page.wait_for_function("window.__cspViolations.length > 0")
    assert page.evaluate("window.__ran") is None
    assert page.evaluate("window.__cspViolations")[0].startswith("script-src")
