"""Signed values the comment forms and links carry.

- The form token: when the form was handed out, for which article. It proves a minimum
  fill time (bots post at once) and a maximum age (no reuse for days). It carries no
  secret of the reader, so a benchmark or a test can make one the same way.
- The commenter cookie: which commenter this browser proved to be, by following the
  link mailed to them. Trust (auto-approval) needs it, so typing a trusted reader's
  email address is not enough to be published at once.
- The verification link token.
"""

from __future__ import annotations

import time

from django.core import signing

_FORM_SALT = "jarida.comments.form"
_VERIFY_SALT = "jarida.comments.verify"
COMMENTER_COOKIE = "jarida_commenter"
COMMENTER_COOKIE_SALT = "jarida.comments.commenter"
COMMENTER_COOKIE_MAX_AGE = 365 * 24 * 3600
VERIFY_MAX_AGE = 7 * 24 * 3600


class TokenError(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def form_token_make(*, article_id: int, issued_at: float | None = None) -> str:
    issued_at = time.time() if issued_at is None else issued_at
    return signing.dumps({"a": article_id, "t": round(issued_at, 1)}, salt=_FORM_SALT)


def form_token_check(token: str, *, article_id: int, min_seconds: float, max_age: float,
                     now: float | None = None) -> float:
    """Seconds since the form was handed out; TokenError "missing", "invalid",
    "too_fast" or "expired" otherwise."""
    if not token:
        raise TokenError("missing")
    try:
        data = signing.loads(token, salt=_FORM_SALT)
        issued_at, for_article = float(data["t"]), int(data["a"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise TokenError("invalid") from None
    if for_article != article_id:
        raise TokenError("invalid")
    elapsed = (time.time() if now is None else now) - issued_at
    if elapsed < min_seconds:
        raise TokenError("too_fast")
    if elapsed > max_age:
        raise TokenError("expired")
    return elapsed


def verify_token_make(*, commenter_id: int, email: str) -> str:
    return signing.dumps({"c": commenter_id, "e": email}, salt=_VERIFY_SALT, compress=True)


def verify_token_read(token: str) -> tuple[int, str] | None:
    try:
        data = signing.loads(token, salt=_VERIFY_SALT, max_age=VERIFY_MAX_AGE)
        return int(data["c"]), str(data["e"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
