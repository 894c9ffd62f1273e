#!/usr/bin/env python3
"""Times GET requests one after another on one keep-alive connection (stdlib only).

Usage: latency.py HOST:PORT URLS_FILE LABEL
Prints one line: LABEL n p50_ms p90_ms p99_ms max_ms mean_ms bytes (fails on any non-200).
"""
import http.client
import sys
import time


def main() -> None:
    host, port = sys.argv[1].rsplit(":", 1)
    paths = [line.strip() for line in open(sys.argv[2]) if line.strip()]
    label = sys.argv[3]
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    times = []
    size = 0
    for path in paths:
        t0 = time.perf_counter()
        conn.request("GET", path)
        response = conn.getresponse()
        size += len(response.read())
        times.append((time.perf_counter() - t0) * 1000.0)
        if response.status != 200:
            sys.exit(f"{path}: HTTP {response.status}")
    times.sort()
    pick = lambda q: times[min(len(times) - 1, int(q * len(times)))]
    mean = sum(times) / len(times)
    print(f"{label:<34} {len(times):>6} {pick(0.5):>8.2f} {pick(0.9):>8.2f} {pick(0.99):>8.2f} {times[-1]:>8.2f} {mean:>8.2f} {size:>10}")


if __name__ == "__main__":
    main()
