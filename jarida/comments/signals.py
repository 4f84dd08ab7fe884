"""Signals for decoupled reactions to comments (page-cache purges, counters).

`comments_changed` is sent AFTER the transaction commits (transaction.on_commit),
whenever what readers see under an article changes: a comment published (by a moderator
or at once), unpublished (rejected, marked spam, sent back by reports). Sent with:
article (Article). A page cache purges that article's page and its comments fragment
(/comments/<article_id>/) on it; see docs/decisions/0050-comments.md.

`comment_approved` is sent after commit for each comment that became visible. Sent with:
comment (Comment).
"""

from django.dispatch import Signal

comments_changed = Signal()
comment_approved = Signal()
