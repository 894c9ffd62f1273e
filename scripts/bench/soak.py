#!/usr/bin/env python3
"""Concurrent load on `frontline serve` over loopback (issue 12): CLIENTS clients for
SECONDS seconds, each asking in turn for stats, areas and a vector tile of a date drawn at
random over the conflict (so that most answers must be derived, not read from a cache).

Prints the answers by status, p50/p99/max latency of the 200s and of all answers, the
server's peak RSS (VmHWM) and its RSS and threads once idle again. Exits non-zero if any
answer is neither 200 nor 503.

  cargo build --release
  scripts/bench/soak.py [--bin target/release/frontline] [--clients 200] [--seconds 60]
"""

import argparse
import datetime
import http.client
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time


def proc_status(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    kib = lambda k: int(fields[k].split()[0])
    return {"rss_kib": kib("VmRSS"), "peak_kib": kib("VmHWM"), "threads": int(fields["Threads"])}


def paths(rng):
    start = datetime.date(2011, 3, 15)
    day = start + datetime.timedelta(days=rng.randrange(0, 4900))
    kind = rng.randrange(3)
    if kind == 0:
        return f"/api/stats?date={day}"
    if kind == 1:
        return f"/api/areas?date={day}"
    z = rng.choice([5, 6, 7])
    # Tiles over Syria (lon 35.7-42.4, lat 32.3-37.3).
    import math
    lon, lat = rng.uniform(36, 42), rng.uniform(32.5, 37)
    n = 2 ** z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return f"/tiles/{day}/{z}/{x}/{y}.mvt"


def client(addr, deadline, seed, results, lock):
    rng = random.Random(seed)
    host, port = addr.rsplit(":", 1)
    while time.monotonic() < deadline:
        path = paths(rng)
        t0 = time.monotonic()
        try:
            conn = http.client.HTTPConnection(host, int(port), timeout=120)
            conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
            resp = conn.getresponse()
            resp.read()
            status = resp.status
            retry = resp.getheader("Retry-After")
            conn.close()
        except Exception as e:  # a refused or broken connection counts as an error
            status, retry = f"error: {e.__class__.__name__}", None
        dt = time.monotonic() - t0
        with lock:
            results.append((status, dt))
        if status == 503:
            time.sleep(float(retry or 1) * rng.uniform(0.5, 1.0))


def pct(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default="target/release/frontline")
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--idle", type=float, default=15, help="seconds to wait idle before the last RSS reading")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "soak.db")
        server = subprocess.Popen(
            [args.bin, "--db", db, "serve", "--addr", "127.0.0.1:0"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        addr = None
        for line in server.stdout:
            m = re.search(r"http://([^/]+)/", line)
            if m:
                addr = m.group(1)
                break
        if addr is None:
            sys.exit("the server printed no URL")
        start = proc_status(server.pid)
        results, lock = [], threading.Lock()
        deadline = time.monotonic() + args.seconds
        threads = [threading.Thread(target=client, args=(addr, deadline, i, results, lock))
                   for i in range(args.clients)]
        peak_threads = 0
        for t in threads:
            t.start()
        while any(t.is_alive() for t in threads):
            peak_threads = max(peak_threads, proc_status(server.pid)["threads"])
            time.sleep(0.5)
        loaded = proc_status(server.pid)
        time.sleep(args.idle)
        idle = proc_status(server.pid)
        server.terminate()
        server.wait(timeout=30)

    by_status = {}
    for status, _ in results:
        by_status[status] = by_status.get(status, 0) + 1
    ok = [dt for s, dt in results if s == 200]
    every = [dt for _, dt in results]
    ms = lambda v: f"{v * 1000:.0f} ms"
    print(f"{args.clients} clients for {args.seconds:.0f} s: {len(results)} answers {by_status}")
    print(f"200s:    p50 {ms(pct(ok, 50))}, p99 {ms(pct(ok, 99))}, max {ms(max(ok, default=0))}")
    print(f"all:     p50 {ms(pct(every, 50))}, p99 {ms(pct(every, 99))}, max {ms(max(every, default=0))}")
    print(f"RSS:     {start['rss_kib'] // 1024} MiB at start, peak {loaded['peak_kib'] // 1024} MiB, "
          f"{idle['rss_kib'] // 1024} MiB after {args.idle:.0f} s idle")
    print(f"threads: {start['threads']} at start, peak {peak_threads}, {idle['threads']} idle")
    errors = sum(n for s, n in by_status.items() if s not in (200, 503))
    if errors:
        sys.exit(f"{errors} answers were neither 200 nor 503")


if __name__ == "__main__":
    main()
