"""Writes of jarida.ops: the audit log. Receivers in jarida/ops/receivers.py call
`audit_record`; the request being served (set by AuditContextMiddleware) says who acted.
"""

from __future__ import annotations

import contextlib
import getpass
import ipaddress
import sys
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest

from jarida.ops.models import AuditEvent

_request: ContextVar[HttpRequest | None] = ContextVar("jarida_audit_request", default=None)
# (target_type, target_id) already recorded while serving the current request.
_seen: ContextVar[set | None] = ContextVar("jarida_audit_seen", default=None)


@contextlib.contextmanager
def audit_request_context(request: HttpRequest) -> Iterator[None]:
    request_token, seen_token = _request.set(request), _seen.set(set())
    try:
        yield
    finally:
        _request.reset(request_token)
        _seen.reset(seen_token)


def client_ip(request: HttpRequest) -> str | None:
    """The reader's address: REMOTE_ADDR, or the last address of JARIDA_CLIENT_IP_HEADER
    when the site sits behind a reverse proxy that sets it (the last one is the address the
    proxy itself saw; anything before it came from the client and may be forged)."""
    header = settings.JARIDA_CLIENT_IP_HEADER
    raw = ""
    if header:
        # "X-Forwarded-For" as the proxy names it, or its request.META key, alike.
        key = header.upper().replace("-", "_")
        raw = request.META.get(key if key.startswith("HTTP_") else f"HTTP_{key}", "")
        raw = raw.split(",")[-1].strip()
    raw = raw or request.META.get("REMOTE_ADDR", "")
    try:
        return str(ipaddress.ip_address(raw))
    except ValueError:
        return None


def _command_origin() -> str:
    """Who acts outside a request when a management command runs: "manage.py
    import_wordpress (deploy)", the command and the system account that ran it; else ""."""
    argv = sys.argv
    if len(argv) < 2 or Path(argv[0]).name != "manage.py":
        return ""
    try:
        account = getpass.getuser()
    except Exception:  # no login name and no password entry: say what is known
        account = "?"
    return f"manage.py {argv[1]} ({account})"


def _current_user(request: HttpRequest | None):
    user = getattr(request, "user", None) if request is not None else None
    return user if user is not None and user.is_authenticated else None


def audit_record(*, action: str, target: models.Model | None = None, target_type: str = "",
                 target_id: Any = "", target_repr: str = "", actor=None,
                 details: dict | None = None, once_per_request: bool = False) -> AuditEvent | None:
    """Record `action` ("article.published", "user.login_failed"...) on a target.

    The actor defaults to the signed-in user of the request being served; outside a request
    it is nobody, shown as the system, named after the management command and the system
    account that ran it when there is one (importers, rebuilds). With
    `once_per_request`, the record is dropped when the same target was already recorded
    while serving this request (the admin saves an article, then its byline, and each
    announces an edit: one action, one record).
    """
    request = _request.get()
    if target is not None:
        target_type = target_type or target._meta.model_name
        target_id = target_id or target.pk
        target_repr = target_repr or str(target)
    seen = _seen.get()
    target_key = (target_type, str(target_id))
    if once_per_request and seen is not None and target_key in seen:
        return None
    if seen is not None:
        seen.add(target_key)
    actor = actor if actor is not None else _current_user(request)
    return AuditEvent.objects.create(
        action=action[:64], target_type=target_type[:40], target_id=str(target_id or "")[:64],
        target_repr=(target_repr or "")[:300],
        actor=actor if actor is not None and actor.pk else None,
        actor_name=(actor.get_username() if actor is not None
                    else "" if request is not None else _command_origin())[:150],
        ip_address=client_ip(request) if request is not None else None,
        details=details or {},
    )
