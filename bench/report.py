#!/usr/bin/env python3
"""Turns bench/out/results.jsonl into results.md (table and ratios) and chart.dat for chart.gp."""
import json
import sys
from pathlib import Path

ORDER = ["sluice-netty", "sluice-netty-ledger-off", "sluice-netty-lean", "sluice-netty-unobserved", "sluice-netty-metrics-off", "sluice-netty-client-observed", "sluice-tomcat",
         "scg-webflux", "scg-webflux-actuator", "scg-webmvc", "raw-netty", "nginx-proxy", "nginx-direct"]
SIZES = ["1k", "64k", "1m"]
SIZE_LABEL = {"1k": "1 KiB", "64k": "64 KiB", "1m": "1 MiB"}

# (numerator, denominator, sizes with a req/s floor, floor, whether p99 must be no worse).
# The variants measured only when named (lean, unobserved, SCG with the actuator) are information.
RATIOS = [
    ("sluice-netty", "scg-webflux", {"1k": 1.5, "64k": 1.3}, True),
    ("sluice-netty", "scg-webflux-actuator", {}, False),
    ("sluice-netty-lean", "scg-webflux", {}, False),
    ("sluice-netty-unobserved", "scg-webflux", {}, False),
    ("sluice-tomcat", "scg-webmvc", {"1k": 2.0, "64k": 2.0}, True),
    ("sluice-netty", "raw-netty", {"1k": 0.8, "64k": 0.8, "1m": 0.8}, False),
    ("sluice-netty", "nginx-proxy", {}, False),
]


def mib(n):
    return "–" if n is None or n < 0 else f"{n / 1048576:.1f}"


def median(values):
    values = sorted(values)
    n = len(values)
    if n == 0:
        return None
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2


def wrk_errors(w):
    """wrk's connect, read, write, non-2xx and timeout counts of one run (wrk/summary.lua)."""
    return w["connectErrors"] + w["readErrors"] + w["writeErrors"] + w["statusErrors"] + w["timeouts"]


def run_figures(record):
    """The figures of one measured run, or None when wrk printed no summary."""
    w = record["wrk"]
    if "requests" not in w:
        return None
    secs = w["durationUs"] / 1e6
    cpu_s = record["cpuTicks"] / record["clkTck"]
    mem = record.get("memory") or {}
    return {
        "round": record.get("round", 1),
        "rate": w["requests"] / secs,
        "p50": w["p50"] / 1000,
        "p99": w["p99"] / 1000,
        "errors": wrk_errors(w),
        "cpuPct": 100 * cpu_s / secs,
        "cpuUs": 1e6 * cpu_s / w["requests"] if w["requests"] else 0,
        "rssMiB": record["rssKiB"] / 1024,
        "netty": mem.get("nettyUsedDirect"),
        "allocator": mem.get("allocatorUsedDirect"),
        "jvm": mem.get("jvmDirectUsed"),
        "load": float(record["load"]),
        "jit": record.get("jitSeconds"),
        "settle": (record["settleSeconds"] + record["settleSizeSeconds"]) if "settleSeconds" in record else None,
    }


def jit_cell(fs):
    jits = [f["jit"] for f in fs if f["jit"] is not None]
    if not jits:
        return "–"
    settles = [f["settle"] for f in fs if f["settle"] is not None]
    return f"{median(jits):.2f}" + (f" ({median(settles):.0f})" if settles else "")


def most(values):
    values = [v for v in values if v is not None]
    return max(values) if values else None


def main():
    results_path, out = Path(sys.argv[1]), Path(sys.argv[2])
    meta, runs, failed = {}, {}, {}
    for line in results_path.read_text().splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        if "meta" in record:
            meta = record["meta"]
        elif "failed" in record and "size" not in record:
            failed.setdefault(record["target"], []).append(record["failed"])
        else:
            runs.setdefault((record["target"], record["size"]), []).append(record)
    rounds = meta.get("rounds", 1)

    def figures(target, size):
        return [f for f in (run_figures(r) for r in runs.get((target, size), [])) if f]

    def rps(target, size):
        return median([f["rate"] for f in figures(target, size)])

    def p99(target, size):
        return median([f["p99"] for f in figures(target, size)])

    def by_round(target, size, key):
        return {f["round"]: f[key] for f in figures(target, size)}

    md = ["# Sluice benchmark results", ""]
    md.append(f"Run {meta.get('date', '?')} on {meta.get('cpu', '?')}, {meta.get('cores', '?')} cores, "
              f"{meta.get('memGiB', '?')} GiB, kernel {meta.get('kernel', '?')}; {meta.get('java', '?')}; "
              f"nginx {meta.get('nginx', '?')} ({meta.get('nginxWorkers', '?')} workers); wrk {meta.get('wrk', '?')}.")
    md.append(f"JVM flags (every JVM target): `{meta.get('jvmFlags', '?')}`. Sluice commit `{meta.get('sluiceCommit', '?')}`.")
    md.append(f"Load: `wrk -t{meta.get('threads')} -c{meta.get('connections')} -d{meta.get('duration')}s --latency`, "
              f"after a {meta.get('warmup')} s mixed-size warm-up per target and {meta.get('sizeWarmup')} s per size; "
              f"load average at start {meta.get('loadStart', '?')}.")
    if "settleMax" in meta:
        md.append(f"Each JVM was measured once its JIT had settled: after each warm-up, 5 s slices of load until "
                  f"its compilers worked less than 0.1 s in a slice, at most {meta['settleMax']} s; \"JIT s\" is "
                  "the compiler time during the measured run, and in brackets the seconds the settling added.")
    if rounds > 1:
        md.append(f"{rounds} rounds: every target ran once per round in a fresh JVM, the targets taking turns "
                  "(in reverse order every other round). Each figure is the median over the rounds; "
                  "memory is the largest seen, errors the sum.")
    md.append("")
    spread = rounds > 1
    md.append("| Target | Body | req/s |" + (" req/s min–max | runs |" if spread else "")
              + " p50 ms | p99 ms | errors | CPU % of a core | CPU µs/req | JIT s | RSS MiB "
              "| Netty direct MiB | allocator direct MiB | JVM direct MiB | load |")
    md.append("|---|---|---:|" + ("---:|---:|" if spread else "") + "---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    chart = []
    for target in ORDER:
        if target in failed:
            md.append(f"| {target} | – | failed {len(failed[target])}×: {failed[target][0]} |")
        for size in SIZES:
            if (target, size) not in runs:
                continue
            fs = figures(target, size)
            if not fs:
                reason = runs[(target, size)][0]["wrk"].get("failed")
                md.append(f"| {target} | {SIZE_LABEL[size]} | failed: {reason} |")
                continue
            rates = [f["rate"] for f in fs]
            md.append(f"| {target} | {SIZE_LABEL[size]} | {median(rates):,.0f} |"
                      + (f" {min(rates):,.0f}–{max(rates):,.0f} | {len(fs)} |" if spread else "")
                      + f" {median([f['p50'] for f in fs]):.2f} | {median([f['p99'] for f in fs]):.2f} "
                      f"| {sum(f['errors'] for f in fs)} | {median([f['cpuPct'] for f in fs]):.0f} "
                      f"| {median([f['cpuUs'] for f in fs]):.0f} | {jit_cell(fs)} | {max(f['rssMiB'] for f in fs):.0f} "
                      f"| {mib(most(f['netty'] for f in fs))} | {mib(most(f['allocator'] for f in fs))} "
                      f"| {mib(most(f['jvm'] for f in fs))} | {median([f['load'] for f in fs]):.2f} |")
    md.append("")
    md.append("CPU is the target's own user+system time during the measured run (for nginx, master and workers), "
              "so 200 % is both cores. On 2 shared cores wrk, the upstream nginx and the target compete; "
              "compare targets only within one run. Direct memory is read right after the run, without a GC: "
              "Netty's own counter (`PlatformDependent.usedDirectMemory()`), the default allocator's used direct "
              "memory, and the JVM's `direct` buffer pool.")
    md.append("")
    md.append("## Ratios (same run)")
    md.append("")
    if spread:
        md.append("The ratio is of the medians. \"Per round\" divides the two targets' figures of the same round: "
                  "its range, and in how many rounds the floor held.")
        md.append("")
    md.append("| Ratio | Body | req/s ratio | target | p99 ratio (lower is better) | verdict |"
              + (" per round | rounds meeting the floor |" if spread else ""))
    md.append("|---|---|---:|---:|---:|---|" + ("---:|---:|" if spread else ""))

    def per_round(num, den, size, floor, higher_is_better=True):
        a, b = by_round(num, size, "rate"), by_round(den, size, "rate")
        ratios = [a[r] / b[r] for r in sorted(a) if r in b]
        if not spread or not ratios:
            return ""
        met = "–" if floor is None else f"{sum(1 for x in ratios if (x >= floor) == higher_is_better)} of {len(ratios)}"
        return f" {min(ratios):.2f}–{max(ratios):.2f}× | {met} |"

    measured = {target for target, _ in runs} | set(failed)
    for num, den, floors, p99_rule in RATIOS:
        if num not in measured or den not in measured:
            continue
        for size in SIZES:
            if (num, size) not in runs and (den, size) not in runs:
                continue
            a, b = rps(num, size), rps(den, size)
            floor = floors.get(size)
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
            md.append(f"| {num} / {den} | {SIZE_LABEL[size]} | {ratio:.2f}× | {'≥ %.1f×' % floor if floor else '–'} "
                      f"| {'%.2f' % p99_ratio if p99_ratio else '–'}{' (must be ≤ 1)' if p99_rule and floor else ''} "
                      f"| {verdict} |" + per_round(num, den, size, floor))
    if meta.get("ledger") == "present":
        for size in SIZES:
            on, off = rps("sluice-netty", size), rps("sluice-netty-ledger-off", size)
            if on and off:
                cost = 1 - on / off
                md.append(f"| ledger on / off (Sluice-Netty) | {SIZE_LABEL[size]} | {on / off:.3f}× | cost ≤ 3 % "
                          f"| | {'meets' if cost <= 0.03 else '**misses**'} (cost {100 * cost:.1f} %) |"
                          + per_round("sluice-netty", "sluice-netty-ledger-off", size, 0.97))
    else:
        md.append("| ledger on / off (Sluice-Netty) | – | not measured: this Sluice build has no "
                  "`sluice.buffers.tracking` switch yet (issue 3) | cost ≤ 3 % | | not measured |")
    md.append("")
    (out / "results.md").write_text("\n".join(md) + "\n")

    blocks, charted = [], []
    for size in SIZES:
        if not any(rps(target, size) for target in ORDER):
            continue
        charted.append(size)
        lines = [f"# {SIZE_LABEL[size]}"]
        for i, target in enumerate(ORDER):
            v = rps(target, size)
            if v is not None:
                lines.append(f'"{target}" {v:.0f} {i + 1}')
        blocks.append("\n".join(lines))
    (out / "chart.dat").write_text("\n\n\n".join(blocks) + "\n")
    (out / "chart.sizes").write_text(" ".join(charted) + "\n")
    print((out / "results.md").read_text())


if __name__ == "__main__":
    main()
