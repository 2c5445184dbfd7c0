"""Real service processes for end-to-end tests: a uvicorn API and Celery workers, started as users would."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from services.runner import api_command, worker_command


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition: Callable[[], object], *, timeout: float, interval: float = 0.1, what: str = "condition"):
    """Poll until `condition()` is truthy and return it; fail after the deadline (no fixed sleeps)."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


@dataclass
class ServiceProcess:
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 20) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def kill(self) -> None:
        self.stop(signal.SIGKILL)


def _spawn(command: list[str], log_path: Path, env: dict[str, str] | None = None) -> ServiceProcess:
    log_file = open(log_path, "ab")  # noqa: SIM115 - the child owns it for its lifetime
    process = subprocess.Popen(
        command, stdout=log_file, stderr=subprocess.STDOUT, env=env or dict(os.environ), start_new_session=True
    )
    return ServiceProcess(process, log_path)


def start_worker(log_dir: Path, *, name: str = "worker", concurrency: int = 1, env: dict | None = None,
                 beat: bool = False, ready_timeout: float = 90) -> ServiceProcess:
    worker = _spawn(worker_command(concurrency=concurrency, beat=beat), log_dir / f"{name}.log", env)
    wait_for(lambda: "ready." in worker.log() or worker.process.poll() is not None, timeout=ready_timeout,
             what="the Celery worker to be ready")
    assert worker.process.poll() is None, worker.log()
    return worker


def start_api(log_dir: Path, *, env: dict | None = None, workers: int = 1) -> tuple[ServiceProcess, str]:
    port = free_port()
    command = api_command(app="services.app:app", host="127.0.0.1", port=port, workers=workers)
    api = _spawn(command, log_dir / "api.log", env)
    url = f"http://127.0.0.1:{port}"

    def healthy() -> bool:
        try:
            return httpx.get(url + "/healthz", timeout=1).status_code == 200
        except httpx.HTTPError:
            return api.process.poll() is not None

    wait_for(healthy, timeout=60, what="the API to answer /healthz")
    assert api.process.poll() is None, api.log()
    return api, url
