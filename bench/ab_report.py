#!/usr/bin/env python3
"""Turns bench/out/ab-<size>.jsonl (bench/ab.sh) into a Markdown table: each target's median
requests/s and CPU per request, and against the first target the per-cycle ratios."""
import json
import sys
from collections import defaultdict

from report import wrk_errors


def quantile(values, q):
    values = sorted(values)
    if not values:
        return None
    position = q * (len(values) - 1)
    low = int(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


def main(path):
    meta = None
    slices = defaultdict(dict)
    for line in open(path):
        record = json.loads(line)
        if "meta" in record:
            meta = record["meta"]
            continue
        w = record["wrk"]
        if "requests" not in w or not w["requests"]:
            continue
        seconds = w["durationUs"] / 1e6
        slices[record["cycle"]][record["target"]] = {
            "rate": w["requests"] / seconds,
            "cpuUs": 1e6 * record["cpuTicks"] / record["clkTck"] / w["requests"],
            "p99": w["p99"] / 1000,
            "errors": wrk_errors(w),
        }
    targets = meta["targets"].split()
    first = targets[0]
    print(f"Side by side at {meta['size']}, Sluice `{meta['sluiceCommit']}`, {meta['date']}: "
          f"{meta['cycles']} cycles of {meta['slice']} s slices, {meta['connections']} connections.\n")
    print("| target | req/s (median) | CPU µs/req (median) | p99 ms (median) | errors "
          f"| req/s ÷ {first}, per cycle: median | quartiles | CPU/req ÷ {first}: median |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for target in targets:
        own = [c[target] for c in slices.values() if target in c]
        if not own:
            print(f"| {target} | no slice measured | | | | | | |")
            continue
        paired = [c for c in slices.values() if target in c and first in c]
        rate_ratios = [c[target]["rate"] / c[first]["rate"] for c in paired]
        cpu_ratios = [c[target]["cpuUs"] / c[first]["cpuUs"] for c in paired if c[first]["cpuUs"]]
        row = [
            target,
            f"{quantile([s['rate'] for s in own], 0.5):,.0f}",
            f"{quantile([s['cpuUs'] for s in own], 0.5):.1f}",
            f"{quantile([s['p99'] for s in own], 0.5):.2f}",
            str(sum(s["errors"] for s in own)),
        ]
        if target == first:
            row += ["1", "–", "1"]
        else:
            row += [f"{quantile(rate_ratios, 0.5):.3f}",
                    f"{quantile(rate_ratios, 0.25):.3f}–{quantile(rate_ratios, 0.75):.3f}",
                    f"{quantile(cpu_ratios, 0.5):.3f}"]
        print("| " + " | ".join(row) + " |")
    groups = {}
    for target in targets:
        groups.setdefault(target.split("#")[0], []).append(target)
    if any(len(members) > 1 for members in groups.values()):
        print_groups(slices, groups)
    if meta.get("baselineJar"):
        print(f"\nsluice-netty-baseline: `{meta['baselineJar']}`.")


def print_groups(slices, groups):
    """Each target's JVMs taken together: per cycle, the mean of their requests/s and CPU per request."""
    names = list(groups)
    first = names[0]

    def mean(cycle, name, key):
        values = [cycle[t][key] for t in groups[name] if t in cycle]
        return sum(values) / len(values) if values else None

    print(f"\nThe JVMs of each target together (means per cycle), against {first}:\n")
    print(f"| target | JVMs | req/s ÷ {first}: median | quartiles | CPU/req ÷ {first}: median | quartiles |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in names:
        rates, cpus = [], []
        for cycle in slices.values():
            own, base = mean(cycle, name, "rate"), mean(cycle, first, "rate")
            own_cpu, base_cpu = mean(cycle, name, "cpuUs"), mean(cycle, first, "cpuUs")
            if own and base:
                rates.append(own / base)
            if own_cpu and base_cpu:
                cpus.append(own_cpu / base_cpu)
        print(f"| {name} | {len(groups[name])} | {quantile(rates, 0.5):.3f} | "
              f"{quantile(rates, 0.25):.3f}–{quantile(rates, 0.75):.3f} | {quantile(cpus, 0.5):.3f} | "
              f"{quantile(cpus, 0.25):.3f}–{quantile(cpus, 0.75):.3f} |")


if __name__ == "__main__":
    main(sys.argv[1])
