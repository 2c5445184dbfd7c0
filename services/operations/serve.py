"""Run an ASGI app under uvicorn with JSON logs: `python -m services.operations.serve APP --host H --port P`."""

from __future__ import annotations

import argparse

import uvicorn

from services.operations.logs import UVICORN_LOG_CONFIG


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("app", help="import string, e.g. services.app:app")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    uvicorn.run(args.app, host=args.host, port=args.port, workers=args.workers, log_config=UVICORN_LOG_CONFIG,
                access_log=False, timeout_graceful_shutdown=10)


if __name__ == "__main__":
    main()
