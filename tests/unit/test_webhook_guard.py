"""The address guard as a table: what is refused, why, and what settings allow. Nothing here opens a socket
to anything but 127.0.0.1 (names are resolved, refused addresses are never connected to)."""

from __future__ import annotations

import asyncio

import pytest

from services.webhooks.guard import (
    AddressRefused,
    GuardedBackend,
    GuardPolicy,
    check_address,
    check_subscription_url,
    check_url,
    parse_nets,
)
from services.webhooks.sender import Request, Sender

STRICT = GuardPolicy()
HTTP_ONLY = GuardPolicy(allow_http=True)  # so the address, not the scheme, is what gets refused
LOCAL = GuardPolicy(parse_nets(["127.0.0.0/8", "::1/128"]), allow_http=True)


@pytest.mark.parametrize(("url", "reason"), [
    ("http://10.0.0.1/", "private"),
    ("http://172.16.5.4/", "private"),
    ("http://192.168.1.1/hook", "private"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://[::1]/", "loopback"),
    ("http://127.0.0.1:8080/", "loopback"),
    ("http://127.1/", "loopback"),  # short inet_aton spelling
    ("http://2130706433/", "loopback"),  # 127.0.0.1 as one number
    ("http://0.0.0.0/", "unspecified"),
    ("http://[::]/", "unspecified"),
    ("http://[fd00::1]/", "private"),  # unique-local
    ("http://[fe80::1]/", "link-local"),
    ("http://224.0.0.1/", "multicast"),
    ("http://[ff02::1]/", "multicast"),
    ("http://240.0.0.1/", "reserved"),
    ("http://[::ffff:10.0.0.1]/", "private"),  # IPv4-mapped
    ("http://[64:ff9b::a00:1]/", "private"),  # NAT64 well-known prefix: a gateway reaches 10.0.0.1
    ("http://[64:ff9b::7f00:1]/", "loopback"),  # NAT64 of 127.0.0.1
    ("http://[64:ff9b::a9fe:a9fe]/", "link-local"),  # NAT64 of 169.254.169.254 (cloud metadata)
    ("http://[64:ff9b:1::c0a8:101]/", "private"),  # NAT64 local-use prefix (RFC 8215) of 192.168.1.1
    ("http://100.64.0.1/", "not globally routable"),  # carrier-grade NAT
    ("http://localhost/", "loopback"),  # a name resolving to 127.0.0.1 / ::1
])
def test_non_public_addresses_are_refused_with_the_reason(url, reason):
    with pytest.raises(AddressRefused, match=reason):
        check_subscription_url(url, HTTP_ONLY)


@pytest.mark.parametrize("url", ["http://example.com/", "http://93.184.215.14/"])
def test_plain_http_is_refused_unless_allowed(url):
    with pytest.raises(AddressRefused, match="http://"):
        check_url(url, STRICT)


@pytest.mark.parametrize("url", ["ftp://example.com/", "file:///etc/passwd", "gopher://x/", "//example.com/",
                                 "https:///nohost", "https://example.com:99999/"])
def test_other_schemes_and_malformed_urls_are_refused(url):
    with pytest.raises(AddressRefused):
        check_url(url, STRICT)


def test_public_https_literals_pass_the_static_check():
    target = check_url("https://93.184.215.14/hook", STRICT)
    assert (target.scheme, target.host, target.port) == ("https", "93.184.215.14", 443)
    check_address("2606:4700::6810:85e5", STRICT)


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/", "http://[::1]:9/", "http://localhost:9/"])
def test_allowed_nets_and_http_let_loopback_through(url):
    check_subscription_url(url, LOCAL)


def test_allow_nets_are_exact():
    policy = GuardPolicy(parse_nets(["127.0.0.1/32"]), allow_http=True)
    check_address("127.0.0.1", policy)
    with pytest.raises(AddressRefused, match="loopback"):
        check_address("127.0.0.2", policy)
    with pytest.raises(AddressRefused, match="private"):
        check_address("10.0.0.1", policy)


def test_the_connection_itself_refuses_before_connecting():
    """At send time the backend resolves and checks; a refused name never gets a socket."""
    backend = GuardedBackend(HTTP_ONLY)
    with pytest.raises(AddressRefused, match="loopback"):
        asyncio.run(backend.connect_tcp("localhost", 9))
    with pytest.raises(AddressRefused, match="link-local"):
        asyncio.run(backend.connect_tcp("169.254.169.254", 80))


@pytest.mark.parametrize("url", ["http://10.0.0.1/", "http://169.254.169.254/", "http://[::1]/",
                                 "http://localhost:9/"])
def test_the_sender_records_a_refusal_as_a_failed_attempt(url):
    sender = Sender(HTTP_ONLY, connect_timeout=1, total_timeout=2)
    done, running = sender.send_all([Request(1, 1, url, {}, b"{}")], wait=10)
    assert not running
    assert done[0].status_code is None and done[0].error.startswith("refused:")


def test_nat64_of_a_public_address_is_allowed():
    check_address("64:ff9b::5db8:d70e", STRICT)  # 93.184.215.14


def test_a_slow_dns_lookup_is_refused_after_the_timeout(monkeypatch):
    import socket
    import threading
    import time

    release = threading.Event()

    def hanging_resolver(*args, **kwargs):
        release.wait(10)
        raise socket.gaierror("released")

    monkeypatch.setattr(socket, "getaddrinfo", hanging_resolver)
    started = time.monotonic()
    try:
        with pytest.raises(AddressRefused, match="took over 0.2 s"):
            check_subscription_url("https://slow.example/hook", GuardPolicy(lookup_timeout=0.2))
        assert time.monotonic() - started < 2
    finally:
        release.set()
