"""Signals for decoupled reactions to newsroom changes (search index, related lists, caches).

`article_changed` is sent by the services in `jarida.newsroom.services` INSIDE the
transaction of the change, so a receiver that writes (the search index) commits or rolls
back with it; receivers that reach outside the database (cache purges) should use
`transaction.on_commit`. `action` is one of ARTICLE_ACTIONS.
"""

from django.dispatch import Signal

ARTICLE_ACTIONS = ("created", "edited", "submitted", "published", "scheduled", "corrected",
                   "unpublished", "returned", "deleted", "imported")

# Sent with: article (Article), action (str), was_public (bool: readers could see it before).
article_changed = Signal()

# Sent by bulk importers once per batch, inside the batch's transaction, instead of one
# article_changed per article: articles (list[Article]) now public or changed.
articles_imported = Signal()
