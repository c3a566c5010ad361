"""The HTTP side of webhooks: which URLs are allowed, signing, and one POST.

Server-side request forgery is the risk: an endpoint's URL is chosen by a user, and the
request leaves from inside OHCHR's network. So:

- https only; plain http only to a loopback address, and only where
  BTECH_WEBHOOK_ALLOW_HTTP_LOOPBACK says so (development);
- the host is resolved at each attempt and EVERY address it resolves to must be a
  public one, or in BTECH_WEBHOOK_ALLOWED_NETWORKS: private, loopback, link-local
  (cloud metadata at 169.254.169.254), multicast and reserved addresses are refused;
- the connection goes to the address that was checked (the Host header and TLS name
  are the URL's), so a second DNS answer cannot swap in another address in between;
- redirects are never followed: a 3xx is a failed attempt like any other non-2xx;
- each attempt is bounded by BTECH_WEBHOOK_TIMEOUT_SECONDS (at most 10 s): the
  connection gets that long, and each read what is left of it; only the first
  kilobyte of the answer is read, for the record.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import certifi
import urllib3
from django.conf import settings
from django.utils.translation import gettext

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
SIGNATURE_HEADER = "X-Btech-Signature"
USER_AGENT = "B-Tech-Engagement-Tracker-Webhooks/1"


class Refused(Exception):
    """The destination is not one the settings allow: never retried into success
    unless the settings or the DNS change, so it is recorded like any failure."""


class DeliveryFailed(Exception):
    """The receiver did not answer 2xx in time."""


def _allowed_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [ipaddress.ip_network(net, strict=False)
            for net in settings.BTECH_WEBHOOK_ALLOWED_NETWORKS]


def address_allowed(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:10.0.0.1 is 10.0.0.1
    if any(address in network for network in _allowed_networks()):
        return True
    return address.is_global and not address.is_multicast


def _literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _is_loopback_host(host: str) -> bool:
    address = _literal(host)
    return host == "localhost" or (address is not None and address.is_loopback)


def url_error(url: str) -> str | None:
    """Why `url` cannot be an endpoint, in words for the person typing it; None if it
    can. Names are checked at each attempt, once resolved (resolve_checked)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018  # raises ValueError for a port out of range
    except ValueError:
        return gettext("Enter a valid URL.")
    if not host:
        return gettext("Enter a valid URL.")
    if parts.username or parts.password:
        return gettext("Leave credentials out of the URL; check the signature instead.")
    if parts.scheme == "http":
        if not (settings.BTECH_WEBHOOK_ALLOW_HTTP_LOOPBACK and _is_loopback_host(host)):
            return gettext("Use an https:// address (plain http is accepted only for "
                           "this machine, in development).")
    elif parts.scheme != "https":
        return gettext("Use an https:// address.")
    address = ipaddress.ip_address("127.0.0.1") if host == "localhost" else _literal(host)
    if address is not None and not address_allowed(address):
        return gettext("This address is private, loopback or link-local: events are "
                       "sent only to public addresses.")
    return None


def resolve_checked(host: str, port: int) -> list[IPAddress]:
    """Every address `host` resolves to, each allowed; Refused otherwise."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise DeliveryFailed(f"cannot resolve {host}: {error}") from None
    addresses = list(dict.fromkeys(ipaddress.ip_address(str(info[4][0]).split("%")[0])
                                   for info in infos))
    refused = [str(address) for address in addresses if not address_allowed(address)]
    if refused or not addresses:
        raise Refused(f"{host} resolves to an address events are not sent to "
                      f"({', '.join(refused)}): private, loopback or link-local addresses "
                      "need BTECH_WEBHOOK_ALLOWED_NETWORKS")
    return addresses


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """HMAC-SHA256 of "<timestamp>.<body>" with the endpoint's secret, in hex."""
    return hmac.new(secret.encode(), str(timestamp).encode() + b"." + body,
                    hashlib.sha256).hexdigest()


def signature_header(secret: str, body: bytes, timestamp: int | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    return f"t={timestamp},v1={sign(secret, timestamp, body)}"


@dataclass(frozen=True)
class Outcome:
    status: int
    excerpt: str


def post(url: str, body: bytes, headers: dict[str, str]) -> Outcome:
    """POST `body` to `url`, connecting only to a checked address; the answer's status
    and first kilobyte. Raises Refused, DeliveryFailed or a urllib3 error."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if parts.scheme == "http" and not (settings.BTECH_WEBHOOK_ALLOW_HTTP_LOOPBACK
                                       and _is_loopback_host(host)):
        raise Refused("plain http is allowed only to this machine, in development")
    address = str(resolve_checked(host, port)[0])
    seconds = float(settings.BTECH_WEBHOOK_TIMEOUT_SECONDS)
    timeout = urllib3.Timeout(total=seconds, connect=seconds, read=seconds)
    pool: urllib3.HTTPConnectionPool
    if parts.scheme == "https":
        # To the checked address, with the URL's name for SNI and the certificate,
        # checked against Mozilla's roots (certifi, as requests does): the same on
        # every machine, whatever its system store holds.
        pool = urllib3.HTTPSConnectionPool(
            address, port, timeout=timeout, retries=False, maxsize=1,
            server_hostname=host, assert_hostname=host, cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where())
    else:
        pool = urllib3.HTTPConnectionPool(address, port, timeout=timeout, retries=False,
                                          maxsize=1)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        response = pool.urlopen(
            "POST", target, body=body, redirect=False, retries=False,
            preload_content=False, assert_same_host=False,
            headers={**headers, "Host": parts.netloc.rpartition("@")[2]},
        )
        try:
            excerpt = response.read(1024, decode_content=False)
        finally:
            response.release_conn()
    finally:
        pool.close()
    return Outcome(response.status, excerpt.decode("utf-8", "replace"))
