"""Fetching URLs: the address checked is the address connected to, and one deadline holds for a
whole download. Every server here listens on loopback; no test sends traffic anywhere else."""

from __future__ import annotations

import http.server
import socket
import threading
import time
from contextlib import contextmanager

import pytest

from ingest.errors import LoadError
from ingest.web import fetch_url, networks

SECRET = b"<html><head><title>Internal</title></head><body><p>Only on loopback.</p></body></html>"


@contextmanager
def serve(handler: type[http.server.BaseHTTPRequestHandler], host: str = "127.0.0.1"):
    server = http.server.ThreadingHTTPServer((host, 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()


class Secret(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the http.server hook
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(SECRET)))
        self.end_headers()
        self.wfile.write(SECRET)

    def log_message(self, *args):
        pass


def redirecting_to(location: str) -> type[http.server.BaseHTTPRequestHandler]:
    class Redirect(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(302)
            self.send_header("Location", location)
            self.end_headers()

        def log_message(self, *args):
            pass

    return Redirect


class Trickle(http.server.BaseHTTPRequestHandler):
    """Promises a page and sends it a byte every 0.3 s: each read succeeds, the download never ends."""

    def do_GET(self):  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        try:
            for _ in range(200):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.3)
        except OSError:
            pass

    def log_message(self, *args):
        pass


def test_a_backslash_before_the_at_sign_cannot_reach_loopback():
    with serve(Secret) as port:
        url = f"http://127.0.0.1:{port}\\@8.8.8.8/../secret.html"
        with pytest.raises(LoadError, match="^refused"):
            fetch_url(url, 10**6, 5.0)


def test_a_redirect_to_a_backslash_url_cannot_reach_loopback():
    with serve(Secret) as port:
        target = f"http://127.0.0.1:{port}\\@8.8.8.8/secret.html"
        allowed = networks(["127.0.0.2/32"])
        with serve(redirecting_to(target), "127.0.0.2") as hop, pytest.raises(LoadError, match="^refused"):
            fetch_url(f"http://127.0.0.2:{hop}/start", 10**6, 5.0, allowed)


def test_the_connection_goes_to_the_address_that_was_checked(monkeypatch):
    """A DNS answer that changes after the check (rebinding) is never asked for: the host is
    resolved once, to an allowed address where nothing listens, and the loopback page that a second
    lookup would have reached stays unread."""
    real = socket.getaddrinfo
    answers = iter(["127.0.0.2", "127.0.0.1", "127.0.0.1", "127.0.0.1"])

    def rebinding(host, port, *args, **kwargs):
        if host == "docs.rebind.test":
            return real(next(answers), port, *args, **kwargs)
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    with serve(Secret) as port, pytest.raises(LoadError) as error:
        fetch_url(f"http://docs.rebind.test:{port}/page.html", 10**6, 5.0, networks(["127.0.0.2/32"]))
    assert str(error.value).startswith("unreachable"), error.value


def test_a_page_in_an_allowed_network_is_fetched_with_its_host_header():
    seen = {}

    class Echo(Secret):
        def do_GET(self):  # noqa: N802
            seen["host"] = self.headers["Host"]
            super().do_GET()

    with serve(Echo) as port:
        data, extension = fetch_url(f"http://127.0.0.1:{port}/a", 10**6, 5.0, networks(["127.0.0.1/32"]))
    assert (data, extension) == (SECRET, ".html")
    assert seen["host"] == f"127.0.0.1:{port}"


def test_a_trickling_server_is_cut_at_the_deadline_for_the_whole_download():
    with serve(Trickle) as port:
        started = time.monotonic()
        with pytest.raises(LoadError, match="^timed out after 1.5 s"):
            fetch_url(f"http://127.0.0.1:{port}/slow", 10**6, 1.5, networks(["127.0.0.1/32"]))
    assert time.monotonic() - started < 5  # each byte comes well within any per-read timeout


@pytest.mark.parametrize(
    "url",
    ["http://exa mple.org/", "http://example.org\t/", "http://example.org\x00/", "file:///etc/passwd"],
)
def test_urls_with_whitespace_control_characters_or_other_schemes_are_refused(url):
    with pytest.raises(LoadError):
        fetch_url(url, 10**6, 1.0)
