#!/usr/bin/env python3
"""Summarizes an async-profiler CPU profile in collapsed form (bench/profile.sh with
PROFILE_WITH=async): where the CPU went by component, the hottest frames, and a few call paths
that matter to a gateway, measured on the stack.

A sample is charged to the component of its innermost frame that belongs to a library or to the
application; frames of the JDK (java/, jdk/, sun/) are charged to the code that called them, so
a URI parsed by Sluice counts as Sluice's. Kernel frames (suffix _[k]) before any Java frame are
the kernel's; those under Java code are charged to it too, to the system call's caller."""
import re
import sys
from collections import Counter

COMPONENTS = [  # the first that matches
    ("Netty's epoll library: socket system calls, in the kernel", r".*libnetty_transport_native_epoll"),
    ("Bench apps (raw proxy)", r"^dev/sluice/bench/"),
    ("Sluice", r"^dev/sluice/"),
    ("Spring Cloud Gateway", r"^org/springframework/cloud/gateway/"),
    ("Micrometer (observation, metrics)", r"^io/micrometer/"),
    ("Spring WebFlux and web", r"^org/springframework/(web|http)/"),
    ("Spring, other", r"^org/springframework/"),
    ("Reactor Netty", r"^reactor/netty/"),
    ("Reactor Core", r"^reactor/"),
    ("Netty", r"^io/netty/"),
    ("Logging", r"^(ch/qos/logback|org/slf4j|org/apache/(logging|commons/logging))/"),
]
JDK = re.compile(r"^(java|javax|jdk|sun|com/sun)/")
KERNEL = re.compile(r"_\[k\]$")

# Call paths charged on the stack: (label, pattern of a frame that must be on it).
ON_STACK = [
    ("HTTP server observation (actuator)", r"ObservationSignalListener|SimpleObservation\."),
    ("handler-method mappings before the gateway's (actuator endpoints)",
     r"AbstractHandlerMethodMapping\.getHandlerInternal$"),
    ("Netty leak detector records", r"ResourceLeakDetector\$(DefaultResourceLeak|TraceRecord)\.<init>"),
    ("epoll_ctl (Reactor Netty toggling reads)", r"Native\.epollCtlMod$"),
    ("Sluice buffer ledger", r"^dev/sluice/buffer/"),
]


def component(frames):
    for frame in reversed(frames):
        if KERNEL.search(frame) or JDK.match(frame) or "/" not in frame:
            continue
        for name, pattern in COMPONENTS:
            if re.match(pattern, frame):
                return name
        return "other Java"
    leaf = frames[-1]
    if KERNEL.search(leaf):
        return "kernel, outside Java"
    return "JVM (GC, JIT, runtime)"


def main(path, title=""):
    total = 0
    by_component = Counter()
    leaves = Counter()
    on_stack = Counter()
    for line in open(path):
        stack, count = line.rstrip("\n").rsplit(" ", 1)
        count = int(count)
        frames = stack.split(";")
        total += count
        by_component[component(frames)] += count
        leaves[frames[-1]] += count
        for label, pattern in ON_STACK:
            if any(re.search(pattern, f) for f in frames):
                on_stack[label] += count
    kernel = sum(c for f, c in leaves.items() if KERNEL.search(f))
    print(f"async-profiler CPU samples: {total:,}. {title}".rstrip())
    print(f"\nSamples whose innermost frame is in the kernel: {100 * kernel / total:.1f}%\n")
    print("Charged to (JDK frames count for their caller):")
    for name, count in by_component.most_common():
        print(f"  {100 * count / total:5.1f}%  {name}")
    print("\nOn the stack:")
    for label, _ in ON_STACK:
        print(f"  {100 * on_stack[label] / total:5.1f}%  {label}")
    print("\nHottest frames (self):")
    for frame, count in leaves.most_common(25):
        print(f"  {100 * count / total:5.1f}%  {frame}")


if __name__ == "__main__":
    main(sys.argv[1], " ".join(sys.argv[2:]))
