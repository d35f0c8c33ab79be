#!/usr/bin/env bash
# Benchmarks Sluice against Spring Cloud Gateway, a raw Reactor Netty proxy and nginx, all on
# 127.0.0.1, one target at a time, and writes bench/out/results.md and bench/out/results.png.
#
#   bench/run.sh                  full run (60 s warm-up per target, then per body size 10 s more
#                                 and a 20 s measurement)
#   BENCH_QUICK=1 bench/run.sh    smoke run (10 s warm-up, 2 s per size, 5 s per measurement)
#
# A JVM target is measured only once its JIT has settled: after each warm-up the load goes on in 5 s
# slices until the compilers worked less than 0.1 s in a slice (jstat), for at most BENCH_SETTLE_MAX
# seconds (60). On 2 cores a JIT still compiling takes up to a core from the target it measures.
#   BENCH_ROUNDS=5 bench/run.sh   every target five times, each time in a fresh JVM, the targets
#                                 taking turns (reversed every other round); the report gives medians
#
# Environment: BENCH_TARGETS (space-separated subset; five variants run only when named:
# sluice-netty-lean, Sluice without the long-task timer of http.server.requests;
# sluice-netty-unobserved, Sluice without the http.server.requests observation;
# sluice-netty-metrics-off, Sluice without its own meters and observations (sluice.metrics.enabled=false);
# sluice-netty-client-observed, Sluice with the http.client.requests observation of upstream calls;
# scg-webflux-actuator, Spring Cloud Gateway with Spring Boot's actuator), BENCH_SIZES ("1k 64k 1m"), BENCH_WARMUP,
# BENCH_SIZE_WARMUP, BENCH_DURATION (seconds), BENCH_THREADS, BENCH_CONNECTIONS, BENCH_SKIP_BUILD=1,
# BENCH_JVM_FLAGS, BENCH_NGINX_WORKERS, BENCH_SLUICE_ARGS (extra arguments for the Sluice targets),
# BENCH_ROUNDS.
source "$(dirname "$0")/lib.sh"

if [ "${BENCH_QUICK:-0}" = 1 ]; then
	WARMUP="${BENCH_WARMUP:-10}"; SIZE_WARMUP="${BENCH_SIZE_WARMUP:-2}"; DURATION="${BENCH_DURATION:-5}"
else
	WARMUP="${BENCH_WARMUP:-60}"; SIZE_WARMUP="${BENCH_SIZE_WARMUP:-10}"; DURATION="${BENCH_DURATION:-20}"
fi
SIZES="${BENCH_SIZES:-1k 64k 1m}"
ALL_TARGETS="sluice-netty sluice-tomcat scg-webflux scg-webmvc raw-netty nginx-proxy nginx-direct"
TARGETS="${BENCH_TARGETS:-$ALL_TARGETS}"
ROUNDS="${BENCH_ROUNDS:-1}"
RESULTS="$OUT/results.jsonl"

ensure_tools
build_apps all
: >"$RESULTS"

# Ledger on/off: measured only when the installed Sluice has the switch.
LEDGER=absent
if sluice_has_tracking "$SLUICE_NETTY_JAR"; then
	LEDGER=present
	case " $TARGETS " in *" sluice-netty "*) TARGETS="$TARGETS sluice-netty-ledger-off" ;; esac
fi

{
	echo "{\"meta\":{\"date\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"cpu\":\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)\","
	echo "\"cores\":$(nproc),\"memGiB\":$(free -g | awk '/^Mem:/ {print $2}'),\"kernel\":\"$(uname -r)\","
	echo "\"java\":\"$("$JAVA_BIN" -version 2>&1 | head -1 | sed 's/"//g')\",\"nginx\":\"$(nginx -v 2>&1 | sed 's/.*\///')\","
	echo "\"wrk\":\"$(wrk -v 2>&1 | head -1 | awk '{print $2}')\",\"jvmFlags\":\"${JVM_FLAGS[*]}\","
	echo "\"sluiceCommit\":\"$(git -C "$ROOT_DIR" rev-parse --short HEAD)\",\"warmup\":$WARMUP,\"sizeWarmup\":$SIZE_WARMUP,"
	echo "\"duration\":$DURATION,\"threads\":$THREADS,\"connections\":$CONNECTIONS,\"ledger\":\"$LEDGER\","
	echo "\"settleMax\":$SETTLE_MAX,\"nginxWorkers\":\"$NGINX_WORKERS\",\"rounds\":$ROUNDS,\"loadStart\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}}"
} | tr -d '\n' >>"$RESULTS"
echo >>"$RESULTS"

start_upstream

for round in $(seq 1 "$ROUNDS"); do
	order="$TARGETS"
	[ $((round % 2)) = 0 ] && order=$(reversed $TARGETS)
	for target in $order; do
		log "== $target (round $round of $ROUNDS)"
		if ! start_target "$target" || ! wait_http "$TARGET_BASE/1k.bin" 120 "$TARGET_PID"; then
			echo "{\"target\":\"$target\",\"round\":$round,\"failed\":\"did not start; see bench/work/logs/$target.log\"}" >>"$RESULTS"
			[ "$target" != nginx-direct ] && stop_pid "$TARGET_PID"
			continue
		fi
		log "warming $target for ${WARMUP}s (sizes mixed)"
		run_wrk "$WARMUP" mixed.lua "$TARGET_BASE/" >/dev/null 2>&1 || true
		settled=$(settle mixed.lua "$TARGET_BASE/")
		for size in $SIZES; do
			url="$TARGET_BASE/$size.bin"
			run_wrk "$SIZE_WARMUP" summary.lua "$url" >/dev/null 2>&1 || true
			settled_size=$(settle summary.lua "$url")
			cpu_before=$(cpu_ticks "$TARGET_PID")
			jit_before=$(jit_seconds "$TARGET_PID")
			wrk_out=$(run_wrk "$DURATION" summary.lua "$url" 2>&1) || true
			cpu_after=$(cpu_ticks "$TARGET_PID")
			jit=null
			[ -n "$jit_before" ] && jit=$(awk -v a="$(jit_seconds "$TARGET_PID")" -v b="$jit_before" 'BEGIN { printf "%.2f", a - b }')
			rss=$(rss_kb "$TARGET_PID")
			mem='{}'
			ledger=n/a
			case "$target" in
				nginx-*) ;;
				*) mem=$(memory_json); ledger=$(ledger_outstanding) ;;
			esac
			wrk_json=$(echo "$wrk_out" | sed -n 's/^WRKJSON //p' | tail -1)
			[ -n "$wrk_json" ] || wrk_json='{"failed":"wrk printed no summary"}'
			echo "{\"target\":\"$target\",\"round\":$round,\"size\":\"$size\",\"wrk\":$wrk_json,\"cpuTicks\":$((cpu_after - cpu_before)),\"clkTck\":$CLK_TCK,\"settleSeconds\":$settled,\"settleSizeSeconds\":$settled_size,\"jitSeconds\":$jit,\"rssKiB\":$rss,\"memory\":$mem,\"ledgerOutstanding\":\"$ledger\",\"load\":\"$(cut -d' ' -f1 /proc/loadavg)\"}" >>"$RESULTS"
			log "$target $size: $(echo "$wrk_json" | cut -c1-120)"
		done
		[ "$target" != nginx-direct ] && stop_pid "$TARGET_PID"
	done
done

python3 "$BENCH_DIR/report.py" "$RESULTS" "$OUT"
gnuplot -e "dat='$OUT/chart.dat'; png='$OUT/results.png'; sizes='$(cat "$OUT/chart.sizes")'" "$BENCH_DIR/chart.gp" >"$WORK/logs/gnuplot.log" 2>&1 || log "gnuplot failed: see bench/work/logs/gnuplot.log"
log "wrote $OUT/results.md and $OUT/results.png"
