"""Operations endpoints: /healthz for load balancers and monitors; the sign-in lock-out page."""

import logging
import math
import uuid

from django.conf import settings
from django.contrib import admin
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def _database_reachable() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("healthz: database unreachable")
        return False


def _cache_reachable() -> bool:
    key, token = "jarida:healthz", uuid.uuid4().hex
    try:
        cache.set(key, token, timeout=30)
        return cache.get(key) == token
    except Exception:
        logger.exception("healthz: cache unreachable")
        return False


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers a query and the cache stores and returns a value;
    503 otherwise. Says which part failed, never why (the log has the details)."""
    checks = {"database": _database_reachable(), "cache": _cache_reachable()}
    healthy = all(checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error",
         **{name: "ok" if ok else "error" for name, ok in checks.items()}},
        status=200 if healthy else 503,
    )


def lockout(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' answer once an address has failed to sign in too often (429), in the
    admin's Arabic layout, saying how long to wait."""
    minutes = math.ceil(settings.AXES_COOLOFF_TIME * 60)
    return render(request, "ops/lockout.html",
                  {**admin.site.each_context(request), "cooloff_minutes": minutes},
                  status=429)
