import pytest

from jarida.newsroom import services as newsroom
from jarida.related.models import RelatedChoice

pytestmark = pytest.mark.django_db


def _url(pk) -> str:
    return f"/api/v1/articles/{pk}/related"


def test_it_serves_the_related_list_as_json(client, news):
    response = client.get(_url(news["drought"].pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["article_id"] == news["drought"].pk
    first = data["results"][0]
    assert set(first) == {"id", "url", "headline", "section", "published_at", "image", "score",
                          "reason"}
    assert first["id"] == news["drought_followup"].pk
    assert first["headline"] == news["drought_followup"].headline
    assert first["url"].endswith(news["drought_followup"].get_absolute_url().replace(
        "محليات", "%D9%85%D8%AD%D9%84%D9%8A%D8%A7%D8%AA"))
    assert first["section"]["name"] == "محليات"
    assert first["published_at"].endswith("Z")
    assert first["image"] is None
    assert first["reason"] == "related" and 0 < first["score"] <= 1.5
    assert 1 <= len(data["results"]) <= 6
    assert news["drought"].pk not in [r["id"] for r in data["results"]]


def test_it_marks_pins_with_no_score(client, news):
    RelatedChoice.objects.create(article=news["drought"], other=news["final"], kind="pin")
    first = client.get(_url(news["drought"].pk)).json()["results"][0]
    assert (first["id"], first["reason"], first["score"]) == (news["final"].pk, "pinned", None)


def test_it_answers_404_for_a_draft_or_an_unknown_id_and_410_once_withdrawn(client, news,
                                                                            editor):
    assert client.get(_url(999999)).status_code == 404
    assert client.get(_url("abc")).status_code == 404
    assert client.get(_url("١٢")).status_code == 404
    newsroom.article_unpublish(article=news["fuel"], by=editor)
    response = client.get(_url(news["fuel"].pk))
    assert response.status_code == 410
    assert response.json()["error"]["code"] == "gone"


def test_it_is_read_only(client, news):
    assert client.post(_url(news["drought"].pk)).status_code == 405


def test_it_is_described_in_the_openapi_document(client):
    document = client.get("/api/v1/schema").json()
    operation = document["paths"]["/articles/{article_id}/related"]["get"]
    assert operation["operationId"] == "getRelatedArticles"
    assert "RelatedList" in document["components"]["schemas"]
