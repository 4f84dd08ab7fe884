"""{% related_block article %}: the "اخبار قد تهمك" block under an article."""

from django import template

from jarida.related.selectors import article_related

register = template.Library()


@register.inclusion_tag("related/_block.html", takes_context=True)
def related_block(context, article):
    """The related list of `article`. The section's latest fill a short list; they are
    fetched only then (a caller may pass them as `related` to share one query)."""
    fallback = context.get("related")
    return {"article": article, "items": article_related(article=article, fallback=fallback)}
