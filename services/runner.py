"""Runs the service's processes (API, worker) as children and stops them together."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field

import httpx


def api_command(*, app: str, host: str, port: int, workers: int = 1) -> list[str]:
    return [sys.executable, "-m", "services.operations.serve", app, "--host", host, "--port", str(port),
            "--workers", str(workers)]


def worker_command(*, concurrency: int, beat: bool, queues: str | None = None, loglevel: str = "INFO") -> list[str]:
    command = [sys.executable, "-m", "celery", "-A", "services.worker.celery_app:celery_app", "worker",
               "--concurrency", str(concurrency), "--loglevel", loglevel, "--without-gossip", "--without-mingle"]
    return command + (["--queues", queues] if queues else []) + (["--beat"] if beat else [])


@dataclass
class Supervisor:
    env: dict[str, str]
    children: list[subprocess.Popen] = field(default_factory=list)

    def start(self, command: list[str]) -> subprocess.Popen:
        child = subprocess.Popen(command, env=self.env, start_new_session=True)
        self.children.append(child)
        return child

    def any_exited(self) -> subprocess.Popen | None:
        return next((child for child in self.children if child.poll() is not None), None)

    def stop(self, timeout: float = 20.0) -> None:
        """SIGTERM everyone (Celery finishes its current task, uvicorn its requests), then SIGKILL stragglers."""
        for child in self.children:
            if child.poll() is None:
                os.killpg(child.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for child in self.children:
            try:
                child.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
                child.wait()


def wait_until_healthy(url: str, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/healthz", timeout=1.0).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    return False
