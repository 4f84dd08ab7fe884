"""A spam score learned from moderators' decisions: naive Bayes over analyzed terms.

Features of a comment are its `jarida.arabic.analyze` terms (so spellings and clitic
forms of one word count as one), the hosts it links to, and how many links it has.
Each feature is counted once per comment (document frequency). A comment approved by a
moderator is learned as ham, one marked spam as spam; changing a decision unlearns the
old one, so the counts always equal the current decisions.

The score is P(spam | features) with equal priors, Laplace smoothing, and only features
seen before: until moderators have decided `SPAM_MIN_TRAINING` comments of each kind
there is no score at all (None), so a young site does not file readers as spam.
"""

from __future__ import annotations

import math
from urllib.parse import urlsplit

from django.db import transaction
from django.db.models import F

from jarida.arabic import analyze
from jarida.comments.conf import comments_setting
from jarida.comments.models import Comment, SpamTerm
from jarida.comments.text import comment_html

_MAX_FEATURES = 400
_HREF = 'href="'


def _link_hosts(body: str) -> list[str]:
    html = str(comment_html(body))
    hosts = []
    start = html.find(_HREF)
    while start != -1:
        end = html.find('"', start + len(_HREF))
        host = urlsplit(html[start + len(_HREF):end].replace("&amp;", "&")).hostname or ""
        hosts.append(host.removeprefix("www."))
        start = html.find(_HREF, end)
    return hosts


def spam_features(body: str) -> list[str]:
    """The comment's distinct features, in a stable order."""
    features = dict.fromkeys(t for t in analyze(body) if len(t) <= 100)
    hosts = _link_hosts(body)
    for host in hosts:
        features[f"host:{host}"[:100]] = None
    features[f"links:{min(len(hosts), 3)}"] = None
    return list(features)[:_MAX_FEATURES]


def spam_score(features: list[str]) -> float | None:
    """Probability that a comment with these features is spam, or None while the
    filter has not seen enough decisions. One query."""
    rows = {term: (spam, ham) for term, spam, ham in SpamTerm.objects.filter(
        term__in=[*features, SpamTerm.DOCS_TERM]).values_list("term", "spam_count", "ham_count")}
    n_spam, n_ham = rows.pop(SpamTerm.DOCS_TERM, (0, 0))
    minimum = comments_setting("SPAM_MIN_TRAINING")
    if n_spam < minimum or n_ham < minimum:
        return None
    log_odds = 0.0
    for spam, ham in rows.values():
        log_odds += math.log((spam + 1) / (n_spam + 2)) - math.log((ham + 1) / (n_ham + 2))
    log_odds = max(-50.0, min(50.0, log_odds))
    return 1.0 / (1.0 + math.exp(-log_odds))


def _add(terms: list[str], field: str, delta: int) -> None:
    if delta > 0:
        SpamTerm.objects.bulk_create([SpamTerm(term=t) for t in terms], ignore_conflicts=True)
    SpamTerm.objects.filter(term__in=terms).update(**{field: F(field) + delta})


@transaction.atomic
def spam_learn(*, comment: Comment, label: str) -> None:
    """Learn a moderator's decision: label "spam", "ham", or "" (unlearn: a rejected
    comment is abuse, not spam, and teaches the filter nothing)."""
    if comment.trained_as == label:
        return
    terms = [*spam_features(comment.body), SpamTerm.DOCS_TERM]
    if comment.trained_as:
        _add(terms, f"{comment.trained_as}_count", -1)
    if label:
        _add(terms, f"{label}_count", +1)
    comment.trained_as = label
    Comment.objects.filter(pk=comment.pk).update(trained_as=label)
