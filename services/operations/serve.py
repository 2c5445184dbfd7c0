"""Run an ASGI app under uvicorn with JSON logs: `python -m services.operations.serve APP --host H --port P`.

With several workers, each listens on a socket of its own (SO_REUSEPORT) and the kernel spreads new
connections over them. On uvicorn's one shared socket, the worker woken first took a whole burst of
connections (asyncio accepts up to the backlog at once): 64 clients connecting together all landed on one of
two workers in about half of the runs, which then served at one worker's throughput and twice the latency
(issue 13).
"""

from __future__ import annotations

import argparse
import socket

import uvicorn
from uvicorn.supervisors import multiprocess

from services.operations.logs import UVICORN_LOG_CONFIG


def port_socket(host: str, port: int, *, listening: bool) -> socket.socket:
    """A socket bound to host:port with SO_REUSEPORT. Bound but not listening, it only holds the port (the
    kernel hands connections to listening sockets alone)."""
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    if listening:
        sock.listen(2048)  # uvicorn's default backlog
    return sock


class OwnSocketWorker(multiprocess.Process):
    """A uvicorn worker that opens its own listening socket in its own process: when it dies, its socket goes
    with it (a copy held by the parent would keep taking connections that nobody accepts)."""

    def target(self, sockets=None) -> None:  # runs in the worker
        super().target([port_socket(self.config.host, self.config.port, listening=True)])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("app", help="import string, e.g. services.app:app")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    options = {"host": args.host, "port": args.port, "workers": args.workers, "log_config": UVICORN_LOG_CONFIG,
               "access_log": False, "timeout_graceful_shutdown": 10}
    if args.workers == 1:
        uvicorn.run(args.app, **options)
        return
    config = uvicorn.Config(args.app, **options)
    held = port_socket(args.host, args.port, listening=False)  # a port in use fails here, before any worker
    multiprocess.Process = OwnSocketWorker  # uvicorn's supervisor (start, restart, keep alive) makes these
    try:
        multiprocess.Multiprocess(config, sockets=[held]).run()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
