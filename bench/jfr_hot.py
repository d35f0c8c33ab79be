#!/usr/bin/env python3
"""Summarises `jfr print --events jdk.ExecutionSample` output: hottest frames by self and total
samples, and the share of samples spent under each top-level package family."""
import re
import sys
from collections import Counter

FRAME = re.compile(r"^\s+([\w$.<>/]+)\(.*\)\s+line:")


def family(frame):
    for prefix in ("dev.sluice.", "org.springframework.cloud.gateway.", "org.springframework.web.reactive.",
                   "org.springframework.http.", "org.springframework.web.", "org.springframework.",
                   "reactor.netty.", "reactor.core.", "io.netty.", "org.apache.tomcat.", "org.apache.coyote.",
                   "org.apache.catalina.", "java.", "jdk.", "sun."):
        if frame.startswith(prefix):
            return prefix.rstrip(".")
    return "other"


def main():
    samples = []
    current = None
    for line in open(sys.argv[1]):
        if line.startswith("jdk.ExecutionSample"):
            current = []
            samples.append(current)
        elif current is not None:
            m = FRAME.match(line)
            if m:
                current.append(m.group(1))
    total = len(samples)
    self_counts, total_counts, families = Counter(), Counter(), Counter()
    for stack in samples:
        if not stack:
            continue
        self_counts[stack[0]] += 1
        for frame in set(stack):
            total_counts[frame] += 1
        for fam in set(family(f) for f in stack):
            families[fam] += 1
    print(f"JFR execution samples: {total}. Load during the recording: {sys.argv[2] if len(sys.argv) > 2 else '?'}")
    print("\nTop 25 frames by self samples (where the CPU was):")
    for frame, n in self_counts.most_common(25):
        print(f"  {100 * n / total:5.1f}%  {frame}")
    print("\nTop 30 application/framework frames by total samples (on the stack):")
    shown = 0
    for frame, n in total_counts.most_common():
        if frame.startswith(("java.", "jdk.", "sun.")) or "Thread.run" in frame:
            continue
        print(f"  {100 * n / total:5.1f}%  {frame}")
        shown += 1
        if shown == 30:
            break
    print("\nSamples with at least one frame of each family:")
    for fam, n in families.most_common():
        print(f"  {100 * n / total:5.1f}%  {fam}")


if __name__ == "__main__":
    main()
