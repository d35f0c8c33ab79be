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
# Environment: BENCH_TARGETS (space-separated subset; three variants run only when named:
# sluice-netty-lean, Sluice without the long-task timer of http.server.requests;
# sluice-netty-unobserved, Sluice without the http.server.requests observation;
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
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
SIZES="${BENCH_SIZES:-1k 64k 1m}"
ALL_TARGETS="sluice-netty sluice-tomcat scg-webflux scg-webmvc raw-netty nginx-proxy nginx-direct"
TARGETS="${BENCH_TARGETS:-$ALL_TARGETS}"
ROUNDS="${BENCH_ROUNDS:-1}"
SETTLE_MAX="${BENCH_SETTLE_MAX:-60}"
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

# start_target NAME : starts it on $TARGET_PORT; sets TARGET_PID, TARGET_BASE (URL up to the file name).
start_target() {
	local name="$1"
	TARGET_BASE="http://$HOST:$TARGET_PORT/up"
	case "$name" in
		sluice-netty)
			local ledger=()
			[ "$LEDGER" = present ] && ledger=(--sluice.buffers.tracking=true)
			start_bg "$name" "$JAVA_BIN" "${JVM_FLAGS[@]}" -jar "$SLUICE_NETTY_JAR" "${SLUICE_ARGS[@]}" "${ledger[@]}" ;;
		sluice-netty-ledger-off)
			start_bg "$name" "$JAVA_BIN" "${JVM_FLAGS[@]}" -jar "$SLUICE_NETTY_JAR" "${SLUICE_ARGS[@]}" \
				--sluice.buffers.tracking=false ;;
		sluice-netty-lean)
			# Without the per-request long-task timer of http.server.requests (docs/performance.md).
			start_bg "$name" "$JAVA_BIN" "${JVM_FLAGS[@]}" -jar "$SLUICE_NETTY_JAR" "${SLUICE_ARGS[@]}" \
				--management.metrics.observations.ignored-meters=long-task-timer ;;
		sluice-netty-unobserved)
			# Without the actuator's observation of each request (docs/performance.md).
			start_bg "$name" "$JAVA_BIN" "${JVM_FLAGS[@]}" -jar "$SLUICE_NETTY_JAR" "${SLUICE_ARGS[@]}" \
				--management.observations.enable.http.server.requests=false ;;
		sluice-tomcat)
			start_bg "$name" "$JAVA_BIN" "${JVM_FLAGS[@]}" -jar "$SLUICE_TOMCAT_JAR" "${SLUICE_ARGS[@]}" ;;
		scg-webflux)
			scg_args webflux
			start_bg "$name" "$JAVA_BIN" "${JVM_FLAGS[@]}" -jar "$SCG_WEBFLUX_JAR" "${SCG_ARGS[@]}" ;;
		scg-webflux-actuator)
			scg_args webflux
			start_bg "$name" "$JAVA_BIN" "${JVM_FLAGS[@]}" -jar "$SCG_WEBFLUX_ACTUATOR_JAR" "${SCG_ARGS[@]}" \
				--management.endpoints.web.exposure.include=health,gateway ;;
		scg-webmvc)
			scg_args webmvc
			start_bg "$name" "$JAVA_BIN" "${JVM_FLAGS[@]}" -jar "$SCG_WEBMVC_JAR" "${SCG_ARGS[@]}" ;;
		raw-netty)
			start_bg "$name" "$JAVA_BIN" "${JVM_FLAGS[@]}" -jar "$RAW_NETTY_JAR" "$TARGET_PORT" "http://$HOST:$UPSTREAM_PORT" ;;
		nginx-proxy)
			local dir
			dir=$(nginx_conf proxy "$TARGET_PORT" "upstream files { server $HOST:$UPSTREAM_PORT; keepalive 64; }
	server {
		listen $HOST:$TARGET_PORT;
		location /up/ {
			proxy_pass http://files/;
			proxy_http_version 1.1;
			proxy_set_header Connection \"\";
		}
	}")
			start_bg "$name" nginx -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;' ;;
		nginx-direct)
			# The upstream itself: nothing to start.
			TARGET_PID="$UPSTREAM_PID"
			TARGET_BASE="http://$HOST:$UPSTREAM_PORT"
			return 0 ;;
		*) log "unknown target $name"; return 1 ;;
	esac
	TARGET_PID=$LAST_PID
}

# run_wrk DURATION SCRIPT URL [ARGS] : bounded wrk run; prints its WRKJSON line.
run_wrk() {
	local duration="$1" script="$2" url="$3"
	shift 3
	timeout $((duration + 60)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${duration}s" --timeout 10s --latency \
		-s "$BENCH_DIR/wrk/$script" "$url" -- "$@"
}

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

# settle SCRIPT URL : keeps the load on in 5 s slices while the target's JIT is still compiling
# (0.1 s or more of compiler time in a slice), for at most SETTLE_MAX seconds; prints the seconds
# it added. A target that is not a JVM is not held.
settle() {
	local script="$1" url="$2" added=0 before after
	before=$(jit_seconds "$TARGET_PID")
	while [ -n "$before" ] && [ "$added" -lt "$SETTLE_MAX" ]; do
		run_wrk 5 "$script" "$url" >/dev/null 2>&1 || true
		added=$((added + 5))
		after=$(jit_seconds "$TARGET_PID")
		awk -v a="$after" -v b="$before" 'BEGIN { exit !(a - b < 0.1) }' && break
		before="$after"
	done
	echo "$added"
}

# reversed WORDS... : the words in reverse order.
reversed() {
	local out=() word
	for word in "$@"; do out=("$word" "${out[@]}"); done
	echo "${out[*]}"
}

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
