"""Response headers that Django and django-csp do not set, and the request context the
audit log reads its actor from."""

from __future__ import annotations

from collections.abc import Callable

from csp.constants import SELF, UNSAFE_INLINE
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from js_asset import Media

from jarida.ops import services

# Powerful browser features no page of a news site uses: denied to the page and to any frame.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope",
    "hid", "magnetometer", "microphone", "midi", "payment", "serial", "usb",
))


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy, allows the admin's pages (only) inline styles, and gives
    the admin's import map the request's CSP nonce.

    django-prose-editor loads its modules through an inline `<script type="importmap">`.
    Under a policy without 'unsafe-inline' that tag runs only with the nonce of the
    response, so admin pages whose form media carry an import map (django-js-asset's
    `Media`) are rendered with `request.csp_nonce`; django-csp then adds the nonce to the
    header. Pages without such media never read the nonce, and their header has none.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Permissions-Policy" not in response:
            response["Permissions-Policy"] = PERMISSIONS_POLICY
        match = getattr(request, "resolver_match", None)
        if match is not None and "admin" in match.namespaces:
            # Django's admin and its widgets write style="" attributes: only its pages
            # allow inline styles (reader pages keep 'self' and the error pages' hashes).
            response._csp_replace = {**(getattr(response, "_csp_replace", None) or {}),
                                     "style-src": [SELF, UNSAFE_INLINE]}
        return response

    def process_template_response(self, request: HttpRequest,
                                  response: TemplateResponse) -> TemplateResponse:
        context = response.context_data
        media = context.get("media") if isinstance(context, dict) else None
        nonce = getattr(request, "csp_nonce", None)
        if isinstance(media, Media) and nonce is not None:
            context["media"] = media.with_nonce(nonce)
        return response


class AuditContextMiddleware:
    """Makes the request (its user and address) known to audit receivers for its duration,
    so a signal sent deep inside a service records who acted without being told."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with services.audit_request_context(request):
            return self.get_response(request)


class RejectNulInPathMiddleware:
    """A path with a NUL byte (%00) names nothing on this site, and PostgreSQL refuses NUL
    in any string it is given: answer 404 before a view or a lookup ever sees it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path:
            if request.path.startswith("/api/"):
                from jarida.api.views import not_found

                return not_found(request)
            from django.shortcuts import render

            return render(request, "404.html", status=404)
        return self.get_response(request)
