"""{% related_block article %}: the "اخبار قد تهمك" block under an article."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from jarida.caching.fragments import fragment_render
from jarida.related.selectors import article_related

register = template.Library()


@register.simple_tag(takes_context=True)
def related_block(context, article) -> SafeString:
    """The related list of `article`, a fragment cached under the article's tag and those
    of the articles it lists. The section's latest fill a short list; they are fetched
    only then (a caller may pass them as `related` to share one query)."""
    fallback = context.get("related")

    def render() -> str:
        items = article_related(article=article, fallback=fallback)
        return render_to_string("related/_block.html", {"article": article, "items": items})

    return fragment_render(f"related:{article.pk}", tags={f"article:{article.pk}"},
                           render=render)
