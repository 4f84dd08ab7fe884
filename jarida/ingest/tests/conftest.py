"""Fixtures for the importers: sample files the team wrote, and a small HTTP server on
127.0.0.1 (stdlib http.server in a thread) so transports are tested without the outside
world."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent / "samples"


@dataclass
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str = ""
    headers: dict[str, str] = field(default_factory=dict)


class LocalServer:
    """Serves `pages` (path -> Page) and records each request's path and headers."""

    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's naming
                server.requests.append((self.path, dict(self.headers.items())))
                page = server.pages.get(self.path)
                if page is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                if page.etag and self.headers.get("If-None-Match") == page.etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(page.status)
                self.send_header("Content-Type", page.content_type)
                self.send_header("Content-Length", str(len(page.body)))
                if page.etag:
                    self.send_header("ETag", page.etag)
                for name, value in page.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(page.body)

            def log_message(self, *args):  # keep test output quiet
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]


@pytest.fixture
def local_server():
    server = LocalServer()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture
def allow_local_hosts(settings):
    """The importers refuse private and loopback addresses unless settings allow them."""
    settings.JARIDA_INGEST_ALLOW_PRIVATE_HOSTS = True
