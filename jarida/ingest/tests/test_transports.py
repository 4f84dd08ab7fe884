import socket

import pytest

from jarida.ingest.rssatom import FeedFormatError, feed_parse
from jarida.ingest.tests.conftest import SAMPLES, Page
from jarida.ingest.transports import FetchError, fetch, file_read, http_fetch
from jarida.ingest.webpage import article_extract, page_decode


def test_it_fetches_over_http_with_our_user_agent(local_server, allow_local_hosts):
    local_server.pages["/a"] = Page("نص".encode())
    fetched = http_fetch(f"{local_server.url}/a")
    assert fetched.status == 200 and fetched.content.decode() == "نص"
    assert local_server.requests[0][1]["User-Agent"].startswith("Jarida/")


def test_it_stops_at_the_size_cap(local_server, allow_local_hosts):
    local_server.pages["/big"] = Page(b"x" * 5000)
    with pytest.raises(FetchError, match="over the 1000 byte cap"):
        http_fetch(f"{local_server.url}/big", max_bytes=1000)


def test_it_fetches_only_http_and_https(allow_local_hosts):
    for url in ("ftp://127.0.0.1/feed", "gopher://127.0.0.1/", "javascript:alert(1)"):
        with pytest.raises(FetchError, match="only http"):
            http_fetch(url)
    with pytest.raises(FetchError, match="only http, https and local files"):
        fetch("ftp://127.0.0.1/feed")


def test_it_does_not_follow_a_redirect_to_another_scheme(local_server, allow_local_hosts):
    for target in ("file:///etc/hostname", "ftp://127.0.0.1/feed"):
        local_server.pages["/jump"] = Page(b"", status=302, headers={"Location": target})
        with pytest.raises(FetchError, match="only http and https"):
            http_fetch(f"{local_server.url}/jump")


def test_it_refuses_loopback_addresses_by_default(local_server):
    local_server.pages["/a"] = Page(b"ok")
    with pytest.raises(FetchError, match="private or local address"):
        http_fetch(f"{local_server.url}/a")
    assert local_server.requests == []


def test_it_gives_up_on_a_server_that_does_not_answer(allow_local_hosts):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # accepts the connection, never answers
    try:
        with pytest.raises(FetchError, match="did not answer within 0.2 s"):
            http_fetch(f"http://127.0.0.1:{silent.getsockname()[1]}/", timeout=0.2)
    finally:
        silent.close()


def test_it_reports_http_errors(local_server, allow_local_hosts):
    with pytest.raises(FetchError, match="answered HTTP 404"):
        http_fetch(f"{local_server.url}/missing")


def test_it_reads_local_files_under_the_cap(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_bytes(b"<rss/>")
    assert fetch(str(path)).content == b"<rss/>"
    assert fetch(path.as_uri()).content == b"<rss/>"
    with pytest.raises(FetchError, match="over the 3 byte cap"):
        file_read(path, max_bytes=3)
    with pytest.raises(FetchError, match="cannot read"):
        fetch(str(tmp_path / "missing.xml"))


def test_it_parses_feeds_from_bytes_and_never_fetches_a_string_that_looks_like_a_url():
    with pytest.raises(FeedFormatError):  # read as a document, not fetched
        feed_parse(b"http://127.0.0.1:9/feed.xml")
    with pytest.raises(FeedFormatError, match="not an RSS or Atom feed"):
        feed_parse("<html><body>صفحة</body></html>".encode())
    document = feed_parse((SAMPLES / "feed-atom.xml").read_bytes())
    assert document.title == "أخبار جامعة الساحل" and len(document.entries) == 1


def test_it_decodes_pages_by_their_charset_and_extracts_nothing_from_an_empty_page():
    assert page_decode("خبر".encode("cp1256"), content_type="text/html; charset=windows-1256") \
        == "خبر"
    assert page_decode(b"\xff\xfe", content_type="text/html; charset=no-such") == "\ufffd\ufffd"
    assert article_extract("") == ""
    assert article_extract("<html><body><nav><a href='/'>الرئيسية</a></nav></body></html>") == ""
