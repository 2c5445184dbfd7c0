"""Ingest benchmark: POST /articles with 64 concurrent clients, and the batch endpoint.

    .venv/bin/python -m bench.ingest [--seconds 10] [--clients 64] [--api-workers 2] [--parts python,wrk,batch]

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


# Each wrk thread numbers its own bodies (`tid`), so no two requests post one text (math.random is not
# seeded per thread: with it the threads sent the same bodies and half the answers were 200 duplicates).
# Accepted means answered 202; the other answers are counted apart.
WRK_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "%s"
local text = "%s"
local threads = {}
counter, tid, accepted, refused, other = 0, 0, 0, 0, 0

setup = function(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

request = function()
  counter = counter + 1
  local body = string.format('{"text": "%s-%%d-%%d %%s", "published_at": "2024-06-17"}', tid, counter, text)
  return wrk.format(nil, "/articles", nil, body)
end

response = function(status, headers, body)
  if status == 202 then accepted = accepted + 1 elseif status == 429 then refused = refused + 1
  else other = other + 1 end
end

done = function(summary, latency, requests)
  local a, r, o = 0, 0, 0
  for _, thread in ipairs(threads) do
    a, r, o = a + thread:get("accepted"), r + thread:get("refused"), o + thread:get("other")
  end
  io.write(string.format("answers: %%d accepted (202), %%d refused (429), %%d other\\n", a, r, o))
end
"""


def wrk_posts(url: str, headers: dict, *, clients: int, seconds: float, api_pid: int, database_url: str) -> str | None:
    """The same load from wrk (C, Debian's `wrk` package), when installed: the server, not the client, is measured."""
    if shutil.which("wrk") is None:
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % (headers["Authorization"], TEXT.strip()[:200], uuid.uuid4()))
    meter = CpuMeter(api_pid, database_url)
    result = subprocess.run(["wrk", "-t2", f"-c{clients}", f"-d{int(seconds)}s", "--latency", "-s", script.name, url],
                            capture_output=True, text=True, check=True)
    lines = result.stdout.splitlines()
    wanted = [line.strip() for line in lines if line.strip().startswith(("50%", "90%", "99%", "Non-2xx"))]
    requests, _, _, duration = next(line for line in lines if " requests in " in line).split()[:4]
    answers = next(line for line in lines if line.startswith("answers: "))
    accepted = int(answers.split()[1])
    return (f"{accepted / float(duration.rstrip('s,')):,.0f} accepted/s; " + "; ".join(wanted) + f"\n  {answers}"
            f"\n  {meter.report(int(requests))} (wrk's own time is the load generator's)")


# The limits stay on, two windows each as by default (each request pays the same checks), but high enough that
# one key from one address is not refused: the default 1,000/s per key is a policy, not what is measured here.
BENCH_LIMITS = {"ANNALS_RATE_LIMIT_PER_KEY": "1000000/second;60000000/minute",
                "ANNALS_RATE_LIMIT_PER_ADDRESS": "1000000/second;60000000/minute"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--api-workers", type=int, default=2)
    parser.add_argument("--batches", type=int, default=20)
    parser.add_argument("--parts", default="python,wrk,batch", help="which of python,wrk,batch to run")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    with scratch_service(api_workers=args.api_workers, env=BENCH_LIMITS) as scratch:
        url, headers = scratch.url, scratch.headers
        print(f"machine: {machine()}; API: uvicorn x{args.api_workers}; load generator on the same machine")
        if "python" in parts:
            meter = CpuMeter(scratch.api_pid, scratch.database_url)
            accepted, latencies, elapsed = asyncio.run(single_posts(url, headers, clients=args.clients,
                                                                    seconds=args.seconds))
            print(f"POST /articles, {args.clients} clients, {elapsed:.1f} s: {accepted / elapsed:,.0f} accepted/s; "
                  f"{summary_ms(latencies)}")
            print(f"  {meter.report(len(latencies))}")
        if "wrk" in parts:
            measured = wrk_posts(url, headers, clients=args.clients, seconds=args.seconds, api_pid=scratch.api_pid,
                                 database_url=scratch.database_url)
            if measured:
                print(f"POST /articles, {args.clients} connections from wrk: {measured}")
        if "batch" in parts:
            meter = CpuMeter(scratch.api_pid, scratch.database_url)
            accepted, elapsed, latencies = asyncio.run(batch_posts(url, headers, batches=args.batches, size=1000,
                                                                   clients=2))
            print(f"POST /articles/batch (1,000 per batch, 2 clients): {accepted / elapsed:,.0f} articles/s; "
                  f"{summary_ms(latencies)}")
            print(f"  {meter.report(accepted, 'article')}")


if __name__ == "__main__":
    main()
