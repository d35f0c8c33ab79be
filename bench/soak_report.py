#!/usr/bin/env python3
"""Turns bench/out/soak.jsonl into bench/out/soak.md."""
import json
import sys
from pathlib import Path


def mib(n):
    return "–" if n is None or n < 0 else f"{n / 1048576:.1f}"


def main():
    rows = [json.loads(line) for line in Path(sys.argv[1]).read_text().splitlines() if line.strip()]
    md = ["# Sluice soak results", ""]
    for r in rows:
        server = r["server"] + ("" if r.get("protocol", "http1") == "http1" else f" over {r['protocol']}")
        if "failed" in r:
            md += [f"## Sluice on {server}: failed", "", r["failed"], ""]
            continue
        d = r["driver"]
        md.append(f"## Sluice on {server}")
        md.append("")
        if "failed" in d:
            md += [f"Driver failed: {d['failed']}", ""]
            continue
        s, e, a = r["memoryStart"], r["memoryEnd"], r["memoryAfterLoad"]
        tol = r["toleranceMiB"] * 1048576
        direct_ok = all(e.get(k, 0) <= s.get(k, 0) + tol for k in ("nettyUsedDirect", "jvmDirectUsed"))
        ran = "the full budget" if not d["hitDeadline"] else f"stopped by the {r['maxSeconds']} s bound"
        md.append(f"- Requests: {d['requests']:,} of {r['budget']:,} in {d['seconds']:.0f} s ({ran}); "
                  f"{r['connections']} connections; body mix 1 KiB/64 KiB/1 MiB = {r['weights']}; "
                  f"{d['bytes'] / 1e9:.1f} GB of bodies read.")
        md.append(f"- Completed normally: {d['ok']:,}; client resets mid-body (RST): {d['clientResets']:,}; "
                  f"requests to the resetting upstream: {d['upstreamResetRequests']:,} "
                  f"(the client saw the response cut short: {d['upstreamResetsSeen']:,}; cut short, but later than "
                  f"the driver's reset timeout: {d.get('upstreamResetsLate', 0):,}"
                  + (f", the latest after {d['upstreamResetLatestMillis']:,} ms" if d.get('upstreamResetsLate') else "")
                  + f"; still open when the client gave up: **{d.get('upstreamResetsHung', 0):,}**).")
        if "tokensChecked" in d and d["tokensChecked"]:
            md.append(f"- Responses checked for the request's own token (header and body): {d['tokensChecked']:,}; "
                      f"**misdelivered: {d['misdelivered']:,}**"
                      + (f"; responses not over HTTP/2: {d['notH2']:,}" if "notH2" in d else "") + ".")
        if d.get("integrity"):
            kinds = ", ".join(f"{k} {n:,}" for k, n in sorted(d["integrity"].items()))
            md.append(f"- Broken exchanges that ended as they must (share {r.get('integrityShare')}): {kinds}.")
        start, end = r.get("tokenUpstreamStart") or {}, r.get("tokenUpstreamEnd") or {}
        if "malformedDelivered" in end:
            md.append(f"- Malformed chunked uploads the upstream received as complete: "
                      f"**{end['malformedDelivered'] - start.get('malformedDelivered', 0):,}**; request bodies the "
                      f"upstream saw aborted: {end['bodiesAborted'] - start.get('bodiesAborted', 0):,}.")
        md.append(f"- Unexpected errors: {d['errors']:,}")
        for kind, n in sorted(d["errorKinds"].items(), key=lambda item: -item[1]):
            md.append(f"  - {n:,} × `{kind}`")
        md.append(f"- Netty leak reports (`LEAK:` in the gateway log, detector level `{r['leakLevel']}`): "
                  f"**{r['leakReports']}**.")
        outstanding = r["ledgerOutstanding"]
        md.append(f"- Ledger outstanding at the end: **{outstanding}**"
                  + ("" if outstanding != "n/a" else " — not measured: this Sluice build has no ledger "
                     "(`/actuator/leaks`, issue 3) yet."))
        md.append(f"- Direct memory (after a GC), start → right after the load → end: Netty counter "
                  f"{mib(s.get('nettyUsedDirect'))} → {mib(a.get('nettyUsedDirect'))} → {mib(e.get('nettyUsedDirect'))} MiB; "
                  f"allocator {s.get('allocator', '?')} {mib(s.get('allocatorUsedDirect'))} → "
                  f"{mib(a.get('allocatorUsedDirect'))} → {mib(e.get('allocatorUsedDirect'))} MiB; JVM direct pool "
                  f"{mib(s.get('jvmDirectUsed'))} → {mib(a.get('jvmDirectUsed'))} → {mib(e.get('jvmDirectUsed'))} MiB. "
                  f"Back to its start (within {r['toleranceMiB']} MiB): **{'yes' if direct_ok else 'NO'}**.")
        md.append(f"- RSS {r['rssStartKiB'] / 1024:.0f} → {r['rssEndKiB'] / 1024:.0f} MiB; gateway CPU during the "
                  f"soak {r['cpuSeconds']} s.")
        md.append("")
    Path(sys.argv[2]).write_text("\n".join(md) + "\n")
    print("\n".join(md))


if __name__ == "__main__":
    main()
