"""GET /api/v1/articles/<id>/related: an article's related list as JSON (the same items
the page shows under "اخبار قد تهمك"). Routed from jarida/api/urls.py."""

from __future__ import annotations

from django.http import HttpRequest

from jarida.api import representations as rep
from jarida.api.http import ApiError, api_view
from jarida.newsroom import selectors as newsroom_selectors
from jarida.newsroom.models import Article
from jarida.related.selectors import RelatedItem, article_related
from jarida.syndication.common import absolute_url

# The endpoint's part of the OpenAPI document (added to jarida.api.schema in apps.py).
SCHEMAS = {
    "RelatedArticle": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "url", "headline", "section", "published_at", "image", "score",
                     "reason"],
        "properties": {
            "id": {"type": "integer", "minimum": 1},
            "url": {"type": "string", "format": "uri"},
            "headline": {"type": "string"},
            "section": {"$ref": "#/components/schemas/SectionRef"},
            "published_at": {"type": "string", "format": "date-time"},
            "image": {"anyOf": [{"$ref": "#/components/schemas/Image"}, {"type": "null"}]},
            "score": {"anyOf": [{"type": "number"}, {"type": "null"}],
                      "description": "The blend's score; null for pins and for the "
                                     "section's latest used to fill a short list."},
            "reason": {"type": "string", "enum": ["pinned", "related", "section"]},
        },
    },
    "RelatedList": {
        "type": "object",
        "additionalProperties": False,
        "required": ["article_id", "results"],
        "properties": {
            "article_id": {"type": "integer", "minimum": 1},
            "results": {"type": "array", "items": {"$ref": "#/components/schemas/RelatedArticle"},
                        "maxItems": 6},
        },
    },
}


def _json(schema_name: str, description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": {
                "$ref": f"#/components/schemas/{schema_name}"}}}}


PATHS = {
    "/articles/{article_id}/related": {"get": {
        "operationId": "getRelatedArticles",
        "summary": "The article's related articles (\"اخبار قد تهمك\"), best first",
        "description": "Editors' pins first, then the computed list (never the article "
                       "itself, an unpublished article or a near-duplicate); a short list "
                       "is filled with the latest of the article's section.",
        "parameters": [{"name": "article_id", "in": "path", "required": True,
                        "schema": {"type": "integer", "minimum": 1}}],
        "responses": {
            "200": _json("RelatedList", "The related articles."),
            "304": {"$ref": "#/components/responses/NotModified"},
            "404": _json("Error", "No published article has this id."),
            "410": _json("Error", "The article was published and has been withdrawn."),
        },
    }},
}


def related_item_data(item: RelatedItem) -> dict:
    article = item.article
    image = None
    if article.hero_image:
        image = {"url": absolute_url(article.hero_image.url), "caption": article.hero_caption,
                 "credit": article.hero_credit}
    return {
        "id": article.pk,
        "url": absolute_url(article.get_absolute_url()),
        "headline": article.headline,
        "section": rep.section_ref(article.section),
        "published_at": rep.api_datetime(article.published_at),
        "image": image,
        "score": round(item.score, 4) if item.score is not None else None,
        "reason": item.reason,
    }


@api_view()
def article_related_json(request: HttpRequest, article_id: str) -> dict:
    if not article_id.isascii() or not article_id.isdigit() or len(article_id) > 12:
        raise ApiError(404, "not_found", "No article has this id.")
    pk = int(article_id)
    article = Article.objects.published().select_related("section").filter(pk=pk).first()
    if article is None:
        if newsroom_selectors.article_status_for_reader(pk=pk) == "gone":
            raise ApiError(410, "gone", "This article has been withdrawn.")
        raise ApiError(404, "not_found", "No article has this id.")
    return {"article_id": article.pk,
            "results": [related_item_data(item) for item in article_related(article=article)]}
