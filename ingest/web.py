"""Fetch a document by URL without becoming a way into the network the server sits on.

A URL typed into the web UI must not reach loopback, private, link-local (cloud metadata at
169.254.169.254), multicast or reserved addresses. Each hop of a redirect chain is resolved and
checked before it is requested, so a public page cannot redirect into the network. (A DNS answer
that changes between the check and the connection is not caught: pinning the checked address
would be the next step.) A user may let chosen networks through (an intranet document server) or,
from the command line, all of them.
"""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from ingest.errors import LoadError
from ingest.loaders import CONTENT_TYPES, LOADERS

if TYPE_CHECKING:
    import requests

USER_AGENT = "layoffqa/0.1 (+offline document assistant)"
MAX_REDIRECTS = 5


Networks = tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]
EVERYWHERE: Networks = (ipaddress.ip_network("0.0.0.0/0"), ipaddress.ip_network("::/0"))


def networks(specs: list[str] | tuple[str, ...]) -> Networks:
    """ "10.1.2.0/24", "192.168.0.7" ... as networks (a bad one raises ValueError naming it)."""
    return tuple(ipaddress.ip_network(spec.strip(), strict=False) for spec in specs if spec.strip())


def _refused(address: str, allowed: Networks) -> str | None:
    """Why an address may not be fetched, or None when it is public or in an allowed network."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if any(ip.version == net.version and ip in net for net in allowed):
        return None
    for kind in ("loopback", "link_local", "multicast", "private", "reserved", "unspecified"):
        if getattr(ip, f"is_{kind}"):
            return f"{kind.replace('_', '-')} address {ip}"
    return None if ip.is_global else f"non-public address {ip}"


def check_host(url: str, allowed: Networks = ()) -> None:
    """Refuse a URL whose host resolves to any address that is not public."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise LoadError("only http(s) URLs can be fetched")
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as error:
        raise LoadError(f"unknown host {parts.hostname}") from error
    for info in infos:
        reason = _refused(str(info[4][0]), allowed)
        if reason:
            raise LoadError(f"refused: {parts.hostname} is a {reason} (ingest --allow-private to allow)")


def _get(url: str, timeout_s: float, allowed: Networks) -> requests.Response:
    """GET, following redirects by hand so every hop is checked."""
    import requests  # loaded with the first URL, not on every start

    for _ in range(MAX_REDIRECTS + 1):
        check_host(url, allowed)
        response = requests.get(
            url,
            timeout=(min(timeout_s, 10), timeout_s),
            stream=True,
            allow_redirects=False,
            headers={"User-Agent": USER_AGENT},
        )
        if not response.is_redirect:
            return response
        response.close()
        url = urljoin(url, response.headers["Location"])
    raise LoadError("too many redirects")


def fetch_url(url: str, max_bytes: int, timeout_s: float, allowed: Networks = ()) -> tuple[bytes, str]:
    """The body and the loader's extension (from the content type), within a timeout and a size cap;
    addresses that are not public only inside the `allowed` networks."""
    import requests

    try:
        with _get(url, timeout_s, allowed) as response:
            if response.status_code != 200:
                raise LoadError(f"HTTP {response.status_code} {response.reason or ''}".strip())
            chunks, size = [], 0
            for chunk in response.iter_content(65536):
                size += len(chunk)
                if size > max_bytes:
                    raise LoadError(f"download over the {max_bytes / 2**20:g} MB limit")
                chunks.append(chunk)
            content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    except requests.Timeout as error:
        raise LoadError(f"timed out after {timeout_s:g} s") from error
    except requests.RequestException as error:
        raise LoadError(f"unreachable ({error.__class__.__name__})") from error
    extension = CONTENT_TYPES.get(content_type) or Path(urlsplit(url).path).suffix.lower()
    if extension not in LOADERS:
        raise LoadError(f"unsupported content type {content_type or 'unknown'!r}")
    return b"".join(chunks), extension
