"""{% related_block article %}: the "اخبار قد تهمك" block under an article."""

from django import template

from jarida.related.selectors import article_related

register = template.Library()


@register.inclusion_tag("related/_block.html", takes_context=True)
def related_block(context, article):
    """The related list of `article`; the page's `related` (the latest of the section,
    when the view passed it) is the fallback, so no query is spent on it twice."""
    fallback = context.get("related")
    return {"article": article, "items": article_related(article=article, fallback=fallback)}
