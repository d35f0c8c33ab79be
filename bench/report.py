#!/usr/bin/env python3
"""Turns bench/out/results.jsonl into results.md (table and ratios) and chart.dat for chart.gp."""
import json
import sys
from pathlib import Path

ORDER = ["sluice-netty", "sluice-netty-ledger-off", "sluice-netty-lean", "sluice-tomcat", "scg-webflux", "scg-webmvc",
         "raw-netty", "nginx-proxy", "nginx-direct"]
SIZES = ["1k", "64k", "1m"]
SIZE_LABEL = {"1k": "1 KiB", "64k": "64 KiB", "1m": "1 MiB"}

# (numerator, denominator, sizes with a req/s floor, floor, whether p99 must be no worse)
RATIOS = [
    ("sluice-netty", "scg-webflux", {"1k": 1.5, "64k": 1.3}, True),
    ("sluice-netty-lean", "scg-webflux", {"1k": 1.5, "64k": 1.3}, True),
    ("sluice-tomcat", "scg-webmvc", {"1k": 2.0, "64k": 2.0}, True),
    ("sluice-netty", "raw-netty", {"1k": 0.8, "64k": 0.8, "1m": 0.8}, False),
    ("sluice-netty", "nginx-proxy", {}, False),
]


def mib(n):
    return "–" if n is None or n < 0 else f"{n / 1048576:.1f}"


def main():
    results_path, out = Path(sys.argv[1]), Path(sys.argv[2])
    meta, rows, failed = {}, {}, {}
    for line in results_path.read_text().splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        if "meta" in record:
            meta = record["meta"]
        elif "failed" in record:
            failed[record["target"]] = record["failed"]
        else:
            rows[(record["target"], record["size"])] = record

    def rps(target, size):
        r = rows.get((target, size))
        if not r or "requests" not in r["wrk"]:
            return None
        return r["wrk"]["requests"] / (r["wrk"]["durationUs"] / 1e6)

    def p99(target, size):
        r = rows.get((target, size))
        return r["wrk"].get("p99") if r else None

    md = ["# Sluice benchmark results", ""]
    md.append(f"Run {meta.get('date', '?')} on {meta.get('cpu', '?')}, {meta.get('cores', '?')} cores, "
              f"{meta.get('memGiB', '?')} GiB, kernel {meta.get('kernel', '?')}; {meta.get('java', '?')}; "
              f"nginx {meta.get('nginx', '?')} ({meta.get('nginxWorkers', '?')} workers); wrk {meta.get('wrk', '?')}.")
    md.append(f"JVM flags (every JVM target): `{meta.get('jvmFlags', '?')}`. Sluice commit `{meta.get('sluiceCommit', '?')}`.")
    md.append(f"Load: `wrk -t{meta.get('threads')} -c{meta.get('connections')} -d{meta.get('duration')}s --latency`, "
              f"after a {meta.get('warmup')} s mixed-size warm-up per target and {meta.get('sizeWarmup')} s per size; "
              f"load average at start {meta.get('loadStart', '?')}.")
    md.append("")
    md.append("| Target | Body | req/s | p50 ms | p99 ms | errors | CPU % of a core | CPU µs/req | RSS MiB "
              "| Netty direct MiB | allocator direct MiB | JVM direct MiB | load |")
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    chart = []
    for target in ORDER:
        if target in failed:
            md.append(f"| {target} | – | failed: {failed[target]} | | | | | | | | | | |")
            continue
        for size in SIZES:
            r = rows.get((target, size))
            if not r:
                continue
            w = r["wrk"]
            if "requests" not in w:
                md.append(f"| {target} | {SIZE_LABEL[size]} | failed: {w.get('failed')} | | | | | | | | | | |")
                continue
            secs = w["durationUs"] / 1e6
            rate = w["requests"] / secs
            errors = w["connectErrors"] + w["readErrors"] + w["writeErrors"] + w["statusErrors"] + w["timeouts"]
            cpu_s = r["cpuTicks"] / r["clkTck"]
            cpu_pct = 100 * cpu_s / secs
            cpu_us = 1e6 * cpu_s / w["requests"] if w["requests"] else 0
            mem = r.get("memory") or {}
            md.append(f"| {target} | {SIZE_LABEL[size]} | {rate:,.0f} | {w['p50'] / 1000:.2f} | {w['p99'] / 1000:.2f} "
                      f"| {errors} | {cpu_pct:.0f} | {cpu_us:.0f} | {r['rssKiB'] / 1024:.0f} "
                      f"| {mib(mem.get('nettyUsedDirect'))} | {mib(mem.get('allocatorUsedDirect'))} "
                      f"| {mib(mem.get('jvmDirectUsed'))} | {r['load']} |")
    md.append("")
    md.append("CPU is the target's own user+system time during the measured run (for nginx, master and workers), "
              "so 200 % is both cores. On 2 shared cores wrk, the upstream nginx and the target compete; "
              "compare targets only within one run. Direct memory is read right after the run, without a GC: "
              "Netty's own counter (`PlatformDependent.usedDirectMemory()`), the default allocator's used direct "
              "memory, and the JVM's `direct` buffer pool.")
    md.append("")
    md.append("## Ratios (same run)")
    md.append("")
    md.append("| Ratio | Body | req/s ratio | target | p99 ratio (lower is better) | verdict |")
    md.append("|---|---|---:|---:|---:|---|")
    for num, den, floors, p99_rule in RATIOS:
        for size in SIZES:
            a, b = rps(num, size), rps(den, size)
            floor = floors.get(size)
            if (a is None or b is None) and num.endswith("-lean"):
                continue
            if a is None or b is None:
                missing = [t for t, v in ((num, a), (den, b)) if v is None]
                md.append(f"| {num} / {den} | {SIZE_LABEL[size]} | not measured ({', '.join(missing)} missing) "
                          f"| {'≥ %.1f×' % floor if floor else '–'} | | |")
                continue
            ratio = a / b
            pa, pb = p99(num, size), p99(den, size)
            p99_ratio = pa / pb if pa and pb else None
            verdict = "info"
            if floor:
                ok = ratio >= floor and (not p99_rule or (p99_ratio is not None and p99_ratio <= 1.0))
                verdict = "meets" if ok else "**misses**"
            elif p99_rule:
                verdict = "info"
            md.append(f"| {num} / {den} | {SIZE_LABEL[size]} | {ratio:.2f}× | {'≥ %.1f×' % floor if floor else '–'} "
                      f"| {'%.2f' % p99_ratio if p99_ratio else '–'}{' (must be ≤ 1)' if p99_rule and floor else ''} "
                      f"| {verdict} |")
    if meta.get("ledger") == "present":
        for size in SIZES:
            on, off = rps("sluice-netty", size), rps("sluice-netty-ledger-off", size)
            if on and off:
                cost = 1 - on / off
                md.append(f"| ledger on / off (Sluice-Netty) | {SIZE_LABEL[size]} | {on / off:.3f}× | cost ≤ 3 % "
                          f"| | {'meets' if cost <= 0.03 else '**misses**'} (cost {100 * cost:.1f} %) |")
    else:
        md.append("| ledger on / off (Sluice-Netty) | – | not measured: this Sluice build has no "
                  "`sluice.buffers.tracking` switch yet (issue 3) | cost ≤ 3 % | | not measured |")
    md.append("")
    (out / "results.md").write_text("\n".join(md) + "\n")

    blocks = []
    for size in SIZES:
        lines = [f"# {SIZE_LABEL[size]}"]
        for i, target in enumerate(ORDER):
            v = rps(target, size)
            if v is not None:
                lines.append(f'"{target}" {v:.0f} {i + 1}')
        blocks.append("\n".join(lines))
    (out / "chart.dat").write_text("\n\n\n".join(blocks) + "\n")
    print((out / "results.md").read_text())


if __name__ == "__main__":
    main()
