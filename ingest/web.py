"""Fetch a document by URL without becoming a way into the network the server sits on.

A URL typed into the web UI must not reach loopback, private, link-local (cloud metadata at
169.254.169.254), multicast or reserved addresses. The address checked must be the address
connected to, so each hop of a redirect chain is parsed once (by urllib3, the library that
connects), its host resolved once, every address checked, and the connection made to that checked
address itself, with the peer verified after connecting: neither a URL that two parsers read
differently (a backslash before `@`) nor a DNS answer that changes between check and connection
reaches another host. The whole download, redirects included, has one deadline and one byte cap:
a server that trickles a byte at a time is cut off at the deadline, not at each read. A user may
let chosen networks through (an intranet document server) or, from the command line, all of them.
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
import socket
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from ingest.errors import LoadError
from ingest.loaders import CONTENT_TYPES, LOADERS

if TYPE_CHECKING:
    import urllib3
    from urllib3.util import Url

USER_AGENT = "layoffqa/0.1 (+offline document assistant)"
MAX_REDIRECTS = 5
# Characters that parsers disagree about or that no valid URL holds unencoded.
_AMBIGUOUS = re.compile(r"[\\\s\x00-\x1f\x7f]")


Networks = tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]
EVERYWHERE: Networks = (ipaddress.ip_network("0.0.0.0/0"), ipaddress.ip_network("::/0"))


def networks(specs: list[str] | tuple[str, ...]) -> Networks:
    """ "10.1.2.0/24", "192.168.0.7" ... as networks (a bad one raises ValueError naming it)."""
    return tuple(ipaddress.ip_network(spec.strip(), strict=False) for spec in specs if spec.strip())


def _ip(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        return ip.ipv4_mapped
    return ip


def _refused(address: str, allowed: Networks) -> str | None:
    """Why an address may not be fetched, or None when it is public or in an allowed network."""
    ip = _ip(address)
    if any(ip.version == net.version and ip in net for net in allowed):
        return None
    for kind in ("loopback", "link_local", "multicast", "private", "reserved", "unspecified"):
        if getattr(ip, f"is_{kind}"):
            return f"{kind.replace('_', '-')} address {ip}"
    return None if ip.is_global else f"non-public address {ip}"


def parse(url: str) -> Url:
    """The URL as urllib3 will request it; refused when another parser could read another host."""
    from urllib3.exceptions import LocationParseError
    from urllib3.util import parse_url

    if _AMBIGUOUS.search(url):
        raise LoadError("refused: the URL holds a backslash, a space or a control character")
    try:
        parts = parse_url(url)
    except LocationParseError as error:
        raise LoadError("not a valid URL") from error
    if parts.scheme not in ("http", "https") or not parts.host:
        raise LoadError("only http(s) URLs can be fetched")
    other = urlsplit(url)
    if (other.hostname or "").lower() != parts.host.strip("[]").lower() or other.port != parts.port:
        raise LoadError("refused: the URL's host reads differently to different parsers")
    return parts


def resolve(parts: Url, allowed: Networks = ()) -> str:
    """The one address to connect to: every address the host resolves to must be allowed."""
    host = parts.host.strip("[]")
    try:
        infos = socket.getaddrinfo(host, parts.port or 443, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise LoadError(f"unknown host {host}") from error
    for info in infos:
        reason = _refused(str(info[4][0]), allowed)
        if reason:
            raise LoadError(f"refused: {host} is a {reason} (ingest --allow-private to allow)")
    return str(infos[0][4][0]).split("%", 1)[0]


class _Deadline:
    """One deadline for a whole download: at the deadline the socket is shut, which ends any read."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.passed = False
        self._timers: list[threading.Timer] = []

    def remaining(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            self.passed = True
            raise LoadError(f"timed out after {self.seconds:g} s")
        return left

    def guard(self, sock: socket.socket) -> None:
        def cut() -> None:
            self.passed = True
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

        timer = threading.Timer(max(self.end - time.monotonic(), 0), cut)
        timer.daemon = True
        timer.start()
        self._timers.append(timer)

    def cancel(self) -> None:
        for timer in self._timers:
            timer.cancel()


def _pinned(base: type, address: str, deadline: _Deadline) -> type:
    """A urllib3 connection class that verifies, once connected, that its peer is the checked
    address, and puts the socket under the download's deadline."""

    class Pinned(base):
        def connect(self) -> None:
            super().connect()
            peer = self.sock.getpeername()[0]
            if _ip(peer) != _ip(address):
                self.sock.close()
                raise LoadError(f"refused: connected to {peer}, not the checked {address}")
            deadline.guard(self.sock)

    return Pinned


def _pool(parts: Url, address: str, deadline: _Deadline) -> urllib3.HTTPConnectionPool:
    """A connection pool to the checked address itself; HTTPS still verifies the host's certificate."""
    import urllib3
    from urllib3.connection import HTTPConnection, HTTPSConnection

    port = parts.port or (443 if parts.scheme == "https" else 80)
    timeout = deadline.remaining()
    options = {"timeout": urllib3.Timeout(connect=min(timeout, 10), read=timeout), "retries": False}
    if parts.scheme == "https":
        import certifi

        host = parts.host.strip("[]")
        pool = urllib3.HTTPSConnectionPool(
            address,
            port,
            server_hostname=host,
            assert_hostname=host,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
            **options,
        )
        pool.ConnectionCls = _pinned(HTTPSConnection, address, deadline)
        return pool
    pool = urllib3.HTTPConnectionPool(address, port, **options)
    pool.ConnectionCls = _pinned(HTTPConnection, address, deadline)
    return pool


def _request(url: str, deadline: _Deadline, allowed: Networks) -> tuple[urllib3.BaseHTTPResponse, str]:
    """GET one hop on a connection to the checked address; the response and its URL."""
    parts = parse(url)
    address = resolve(parts, allowed)
    host = parts.host + (f":{parts.port}" if parts.port else "")
    response = _pool(parts, address, deadline).urlopen(
        "GET",
        parts.request_uri,
        headers={"Host": host, "User-Agent": USER_AGENT},
        redirect=False,
        retries=False,
        preload_content=False,
        assert_same_host=False,
    )
    return response, url


def _get(url: str, deadline: _Deadline, allowed: Networks) -> urllib3.BaseHTTPResponse:
    """GET, following redirects by hand so every hop is parsed, checked and pinned the same way."""
    for _ in range(MAX_REDIRECTS + 1):
        response, url = _request(url, deadline, allowed)
        location = response.get_redirect_location()
        if not location:
            return response
        response.release_conn()
        url = urljoin(url, location)
    raise LoadError("too many redirects")


def _body(response: urllib3.BaseHTTPResponse, max_bytes: int, deadline: _Deadline) -> bytes:
    chunks, size = [], 0
    for chunk in response.stream(65536):
        size += len(chunk)
        if size > max_bytes:
            raise LoadError(f"download over the {max_bytes / 2**20:g} MB limit")
        chunks.append(chunk)
        deadline.remaining()
    if deadline.passed:
        raise LoadError(f"timed out after {deadline.seconds:g} s")
    return b"".join(chunks)


def fetch_url(url: str, max_bytes: int, timeout_s: float, allowed: Networks = ()) -> tuple[bytes, str]:
    """The body and the loader's extension (from the content type), within one deadline for the
    whole download and a size cap; addresses that are not public only inside `allowed` networks."""
    from urllib3.exceptions import HTTPError

    deadline = _Deadline(timeout_s)
    try:
        response = _get(url, deadline, allowed)
        try:
            if response.status != 200:
                raise LoadError(f"HTTP {response.status} {response.reason or ''}".strip())
            data = _body(response, max_bytes, deadline)
            content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        finally:
            response.release_conn()
    except (HTTPError, OSError) as error:
        if deadline.passed or "timed out" in str(error).lower():
            raise LoadError(f"timed out after {timeout_s:g} s") from error
        raise LoadError(f"unreachable ({error.__class__.__name__})") from error
    finally:
        deadline.cancel()
    extension = CONTENT_TYPES.get(content_type) or Path(urlsplit(url).path).suffix.lower()
    if extension not in LOADERS:
        raise LoadError(f"unsupported content type {content_type or 'unknown'!r}")
    return data, extension
