"""GET /api/v1/search: the page's results as JSON, under the API's rules."""

import pytest

from jarida.conftest import make_article, make_section
from jarida.search.tests.test_views import BAD_INPUT

pytestmark = pytest.mark.django_db

URL = "/api/v1/search"


@pytest.fixture
def oil():
    section = make_section("اقتصاد", slug="economy")
    return make_article(section=section, headline="أسعار النفط ترتفع في الأسواق",
                        body="<p>صعد خام برنت مع تراجع المخزونات.</p>")


def test_it_answers_total_and_results_with_marked_snippets(client, oil):
    response = client.get(URL, {"q": "اسعار النفط"})
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == 1 and data["mode"] == "all" and data["suggestions"] == []
    (result,) = data["results"]
    assert set(result) == {"id", "external_id", "url", "headline", "section", "published_at",
                           "snippet", "score"}
    assert result["id"] == oil.pk and result["external_id"] is None
    assert result["url"].endswith(oil.get_absolute_url())
    assert result["headline"] == "أسعار النفط ترتفع في الأسواق"
    assert result["published_at"].endswith("Z") and result["score"] > 0
    assert result["section"]["slug"] == "economy"
    assert "برنت" in result["snippet"]


def test_limit_and_offset_page_through_results(client, oil):
    for n in range(4):
        make_article(headline=f"النفط في تقرير {n}", hours_ago=n + 2)
    first = client.get(URL, {"q": "النفط", "limit": 2}).json()
    second = client.get(URL, {"q": "النفط", "limit": 2, "offset": 2}).json()
    assert first["total"] == second["total"] == 5
    ids = [r["id"] for r in first["results"] + second["results"]]
    assert len(set(ids)) == 4


def test_zero_results_come_with_suggestions(client, oil):
    data = client.get(URL, {"q": "النفظ"}).json()
    assert data["total"] == 0 and data["suggestions"] == ["النفط"]


@pytest.mark.parametrize("text", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_queries_get_a_json_answer(client, oil, text):
    response = client.get(URL, {"q": text})
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == len(data["results"]) or data["total"] > len(data["results"])
    if data["mode"] == "none":
        assert data["total"] == 0


@pytest.mark.parametrize("params", [
    {"limit": "0"}, {"limit": "500"}, {"offset": "-1"}, {"offset": "100000"},
    {"section": "nope"}, {"author": "'; --"}, {"since": "yesterday"},
    {"since": "2026-02-01", "until": "2026-01-01"},
])
def test_bad_parameters_are_a_400_naming_them(client, oil, params):
    response = client.get(URL, {"q": "النفط", **params})
    assert response.status_code == 400
    assert response.json()["error"]["parameter"] in params
