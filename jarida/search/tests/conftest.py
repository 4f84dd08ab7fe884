import pytest

from jarida.newsroom.models import Article
from jarida.newsroom.signals import article_changed, articles_imported


@pytest.fixture(autouse=True)
def _without_related_lists():
    """Search tests publish and import dozens of articles; the related-articles lists that
    jarida.related computes on each are no concern of theirs and cost most of the time,
    so its receivers sit out (they are tested in jarida/related)."""
    from jarida.related import receivers

    wiring = [(article_changed, receivers.on_article_changed, "related.article_changed"),
              (articles_imported, receivers.on_articles_imported, "related.articles_imported")]
    removed = [(s, r, uid) for s, r, uid in wiring
               if s.disconnect(sender=Article, dispatch_uid=uid)]
    yield
    for signal, receiver, uid in removed:
        signal.connect(receiver, sender=Article, dispatch_uid=uid)
