"""Ingest benchmark: POST /articles with 64 concurrent clients, and the batch endpoint.

    .venv/bin/python -m bench.ingest [--seconds 10] [--clients 64] [--api-workers 2]

Prints accepted articles/s and latency percentiles; asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import subprocess
import tempfile
import time
import uuid

import httpx

from bench.harness import CpuMeter, machine, scratch_service, summary_ms

TEXT = ("Vladimir Putin is scheduled to travel to North Korea for a two-day visit starting on Tuesday, "
        "the Kremlin said. It is his first visit to the country in more than two decades. ") * 8


async def single_posts(url: str, headers: dict, *, clients: int, seconds: float) -> tuple[int, list[float]]:
    latencies: list[float] = []
    accepted = errors = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30, headers=headers) as client:

        async def one_client():
            nonlocal accepted, errors
            while time.perf_counter() < deadline:
                body = {"text": f"{uuid.uuid4()} {TEXT}", "published_at": "2024-06-17"}
                started = time.perf_counter()
                try:
                    response = await client.post("/articles", json=body)
                except httpx.TransportError:  # a keep-alive connection the server closed as it was reused
                    errors += 1
                    continue
                latencies.append(time.perf_counter() - started)
                accepted += response.status_code == 202

        started = time.perf_counter()
        await asyncio.gather(*(one_client() for _ in range(clients)))
        elapsed = time.perf_counter() - started
    if errors:
        print(f"({errors} requests lost their connection and were not counted)")
    return accepted, latencies, elapsed


async def batch_posts(url: str, headers: dict, *, batches: int, size: int, clients: int) -> tuple[int, float, list[float]]:
    latencies: list[float] = []
    accepted = 0
    queue = list(range(batches))
    async with httpx.AsyncClient(base_url=url, timeout=120, headers=headers) as client:

        async def one_client():
            nonlocal accepted
            while queue:
                queue.pop()
                articles = [{"text": f"{uuid.uuid4()} {TEXT}", "published_at": "2024-06-17"} for _ in range(size)]
                started = time.perf_counter()
                response = await client.post("/articles/batch", json={"articles": articles})
                latencies.append(time.perf_counter() - started)
                accepted += response.json()["accepted"]

        started = time.perf_counter()
        await asyncio.gather(*(one_client() for _ in range(clients)))
        elapsed = time.perf_counter() - started
    return accepted, elapsed, latencies


WRK_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "%s"
counter = 0
request = function()
  counter = counter + 1
  local body = string.format('{"text": "%%d-%%d %s", "published_at": "2024-06-17"}', math.random(1, 1000000000), counter)
  return wrk.format(nil, "/articles", nil, body)
end
"""


def wrk_posts(url: str, headers: dict, *, clients: int, seconds: float, api_pid: int) -> str | None:
    """The same load from wrk (C, Debian's `wrk` package), when installed: the server, not the client, is measured."""
    if shutil.which("wrk") is None:
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % (headers["Authorization"], TEXT.strip()[:200]))
    meter = CpuMeter(api_pid)
    result = subprocess.run(["wrk", "-t2", f"-c{clients}", f"-d{int(seconds)}s", "--latency", "-s", script.name, url],
                            capture_output=True, text=True, check=True)
    lines = result.stdout.splitlines()
    wanted = [line.strip() for line in lines if line.strip().startswith(("50%", "99%", "Requests/sec", "Non-2xx"))]
    requests = int(next(line for line in lines if " requests in " in line).split()[0])
    return "; ".join(wanted) + f"\n  {meter.report(requests)} (wrk's own time is the load generator's)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--api-workers", type=int, default=2)
    parser.add_argument("--batches", type=int, default=20)
    args = parser.parse_args()
    with scratch_service(api_workers=args.api_workers) as scratch:
        url, headers = scratch.url, scratch.headers
        meter = CpuMeter(scratch.api_pid)
        accepted, latencies, elapsed = asyncio.run(single_posts(url, headers, clients=args.clients, seconds=args.seconds))
        print(f"machine: {machine()}; API: uvicorn x{args.api_workers}; load generator on the same machine")
        print(f"POST /articles, {args.clients} clients, {elapsed:.1f} s: {accepted / elapsed:,.0f} accepted/s; "
              f"{summary_ms(latencies)}")
        print(f"  {meter.report(len(latencies))}")
        measured = wrk_posts(url, headers, clients=args.clients, seconds=args.seconds, api_pid=scratch.api_pid)
        if measured:
            print(f"POST /articles, {args.clients} connections from wrk: {measured}")
        meter = CpuMeter(scratch.api_pid)
        accepted, elapsed, latencies = asyncio.run(batch_posts(url, headers, batches=args.batches, size=1000, clients=2))
        print(f"POST /articles/batch (1,000 per batch, 2 clients): {accepted / elapsed:,.0f} articles/s; "
              f"{summary_ms(latencies)}")
        print(f"  {meter.report(accepted, 'article')}")


if __name__ == "__main__":
    main()
