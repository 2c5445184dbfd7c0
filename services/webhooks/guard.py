"""The address guard: webhooks never reach loopback, private, link-local, multicast, reserved or unspecified
addresses (nor plain http://) unless settings allow them.

It runs twice: when a subscription is made or changed (URL and DNS answer), and at send time inside the
connection itself (`GuardedBackend`), which resolves the host, checks every address and then connects to the
checked IP. The URL keeps its hostname, so the Host header, TLS SNI and certificate check use the name while
the socket goes to the address that was checked: DNS cannot be re-pointed between check and connect.
"""

from __future__ import annotations

import concurrent.futures
import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

import anyio
import httpcore

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class AddressRefused(Exception):
    """The URL or an address it resolves to may not be called; the message says why."""


@dataclass(frozen=True, slots=True)
class GuardPolicy:
    allow_nets: tuple[Network, ...] = ()
    allow_http: bool = False
    lookup_timeout: float = 5.0  # seconds a subscription request may wait for DNS

    @classmethod
    def from_settings(cls, settings) -> GuardPolicy:
        return cls(parse_nets(settings.webhook_allow_nets), settings.webhook_allow_http,
                   settings.webhook_lookup_timeout_seconds)


def parse_nets(values: Iterable[str]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(value.strip(), strict=False) for value in values if value.strip())


# NAT64 (RFC 6052 well-known prefix, RFC 8215 local-use prefix): a gateway turns 64:ff9b::a00:1 into 10.0.0.1.
NAT64_PREFIXES = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one reaches through a translation or tunnel (mapped, 6to4, NAT64, Teredo)."""
    if address.ipv4_mapped or address.sixtofour:
        return address.ipv4_mapped or address.sixtofour
    if any(address in prefix for prefix in NAT64_PREFIXES):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address.teredo:
        return address.teredo[1]  # the client's address behind the Teredo relay
    return None


def address_problem(address: IPAddress) -> str | None:
    """Why an address is not a public unicast one (None if it is). The most specific reason comes first."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = embedded_ipv4(address)
        if embedded is not None:  # ::ffff:10.0.0.1 and 64:ff9b::a00:1 reach 10.0.0.1
            return address_problem(embedded)
    if address.is_unspecified:
        return "unspecified"
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link-local"
    if address.is_multicast:
        return "multicast"
    if isinstance(address, ipaddress.IPv4Address) and address in ipaddress.ip_network("169.254.0.0/16"):
        return "link-local"
    if address.is_reserved:  # before private: Python counts 240.0.0.0/4 as both
        return "reserved"
    if address.is_private:
        return "private"
    if not address.is_global:  # shared (100.64/10), documentation, benchmarking ranges and the like
        return "not globally routable"
    return None


def check_address(address: IPAddress | str, policy: GuardPolicy) -> None:
    if isinstance(address, str):
        address = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    if any(address in net for net in policy.allow_nets if net.version == address.version):
        return
    problem = address_problem(address)
    if problem is not None:
        raise AddressRefused(f"{address} is a {problem} address (allow it with ANNALS_WEBHOOK_ALLOW_NETS)")


@dataclass(frozen=True, slots=True)
class Target:
    scheme: str
    host: str  # hostname or IP literal, without IPv6 brackets
    port: int


def check_url(url: str, policy: GuardPolicy) -> Target:
    """The static part: scheme, host, port; an IP literal is checked here (names need DNS: `resolve_checked`)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise AddressRefused(f"not a valid URL: {error}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise AddressRefused("the URL must start with https://")
    if scheme == "http" and not policy.allow_http:
        raise AddressRefused("plain http:// is refused; use https:// (or set ANNALS_WEBHOOK_ALLOW_HTTP)")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise AddressRefused("the URL has no host")
    literal = _ip_literal(host)
    if literal is not None:
        check_address(literal, policy)
    return Target(scheme, host, port or (443 if scheme == "https" else 80))


def _ip_literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        pass
    try:  # inet_aton spellings browsers and resolvers accept: 2130706433, 0x7f.1, 127.1
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except OSError:
        return None


def _check_all(host: str, addresses: list[str], policy: GuardPolicy) -> list[str]:
    if not addresses:
        raise AddressRefused(f"{host} resolves to no address")
    for address in addresses:
        try:
            check_address(address, policy)
        except AddressRefused as error:
            raise AddressRefused(f"{host} resolves to {error}") from None
    return addresses


def _unique(infos) -> list[str]:
    return list(dict.fromkeys(info[4][0] for info in infos))


# getaddrinfo cannot be given a timeout: it runs on these threads and the caller stops waiting instead (a
# slow resolver then holds a thread, never a request).
_lookups = concurrent.futures.ThreadPoolExecutor(max_workers=4, thread_name_prefix="webhook-dns")


def resolve_checked(host: str, port: int, policy: GuardPolicy) -> list[str]:
    """Resolve (blocking, at most `lookup_timeout`) and check every address; any refused address refuses all."""
    literal = _ip_literal(host)
    if literal is not None:
        check_address(literal, policy)
        return [str(literal)]
    lookup = _lookups.submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
    try:
        infos = lookup.result(timeout=policy.lookup_timeout)
    except concurrent.futures.TimeoutError:
        raise AddressRefused(f"looking up {host} took over {policy.lookup_timeout:g} s") from None
    except (socket.gaierror, UnicodeError) as error:
        raise AddressRefused(f"could not resolve {host}: {error}") from None
    return _check_all(host, _unique(infos), policy)


async def resolve_checked_async(host: str, port: int, policy: GuardPolicy) -> list[str]:
    literal = _ip_literal(host)
    if literal is not None:
        check_address(literal, policy)
        return [str(literal)]
    try:
        infos = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise AddressRefused(f"could not resolve {host}: {error}") from None
    return _check_all(host, _unique(infos), policy)


def check_subscription_url(url: str, policy: GuardPolicy) -> Target:
    """What the API runs before storing a URL: the static checks, then DNS and the address checks."""
    target = check_url(url, policy)
    resolve_checked(target.host, target.port, policy)
    return target


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore network backend that connects only to addresses the guard accepted.

    httpcore asks it for a TCP stream to (host, port) of the URL; it resolves the host itself, checks each
    address, and opens the socket to the checked IP. TLS is then started by httpcore with the URL's hostname
    as server_hostname, so SNI and certificate verification are those of the name.
    """

    def __init__(self, policy: GuardPolicy) -> None:
        self.policy = policy
        self.inner = httpcore.AnyIOBackend()

    async def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        try:
            with anyio.fail_after(timeout):
                addresses = await resolve_checked_async(host, port, self.policy)
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"resolving {host} timed out") from None
        last_error: Exception | None = None
        for address in addresses:
            try:
                return await self.inner.connect_tcp(address, port, timeout=timeout, local_address=local_address,
                                                    socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                last_error = error
        assert last_error is not None
        raise last_error

    async def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise AddressRefused("webhooks never connect to Unix sockets")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)
