"""Several API workers each listen on a socket of their own, so new connections spread over them (issue 13:
on one shared socket, the worker woken first could take a whole burst of connections)."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from tests.support.processes import start_api, wait_for

LISTEN, ESTABLISHED = "0A", "01"


def children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def socket_inodes(pid: int) -> set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:  # closed meanwhile
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:["):-1])
    return inodes


def tcp_sockets(port: int, state: str) -> set[str]:
    """Inodes of the local TCP sockets on `port` in `state` (/proc/net/tcp's hex codes)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == state:
                found.add(fields[9])
    return found


def test_two_workers_listen_apart_and_a_burst_of_connections_reaches_both(tmp_path):
    api, url = start_api(tmp_path, workers=2)
    port = int(url.rsplit(":", 1)[1])
    connections: list[socket.socket] = []
    try:
        def listening_workers() -> list[int] | None:
            pids = [pid for pid in children(api.process.pid) if socket_inodes(pid) & tcp_sockets(port, LISTEN)]
            return pids if len(pids) == 2 else None

        workers = wait_for(listening_workers, timeout=30, what="two listening workers")
        listening = [socket_inodes(pid) & tcp_sockets(port, LISTEN) for pid in workers]
        assert all(len(inodes) == 1 for inodes in listening)
        assert listening[0] != listening[1]  # not one socket inherited by both
        connections = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(40)]
        for connection in connections:
            connection.sendall(b"GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n")
        for connection in connections:
            assert connection.recv(64).startswith(b"HTTP/1.1 200")
        established = tcp_sockets(port, ESTABLISHED)
        served = [len(socket_inodes(pid) & established) for pid in workers]
        assert sum(served) == 40
        # the kernel hashes each connection to one of the two sockets: fewer than 5 of 40 on one is ~1e-7 likely
        assert min(served) >= 5, served
    finally:
        for connection in connections:
            connection.close()
        api.stop()
