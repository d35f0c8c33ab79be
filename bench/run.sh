#!/usr/bin/env bash
# Benchmarks Sluice against Spring Cloud Gateway, a raw Reactor Netty proxy and nginx, all on
# 127.0.0.1, one target at a time, and writes bench/out/results.md and bench/out/results.png.
#
#   bench/run.sh                  full run (60 s warm-up per target, then per body size 10 s more
#                                 and a 20 s measurement)
#   BENCH_QUICK=1 bench/run.sh    smoke run (10 s warm-up, 2 s per size, 5 s per measurement)
#   BENCH_ROUNDS=5 bench/run.sh   every target five times, each time in a fresh JVM, the targets
#                                 taking turns (reversed every other round); the report gives medians
#
# Environment: BENCH_TARGETS (space-separated subset; sluice-netty-lean, Sluice without the
# long-task timer of http.server.requests, runs only when named), BENCH_SIZES ("1k 64k 1m"), BENCH_WARMUP,
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
		sluice-tomcat)
			start_bg "$name" "$JAVA_BIN" "${JVM_FLAGS[@]}" -jar "$SLUICE_TOMCAT_JAR" "${SLUICE_ARGS[@]}" ;;
		scg-webflux)
			scg_args webflux
			start_bg "$name" "$JAVA_BIN" "${JVM_FLAGS[@]}" -jar "$SCG_WEBFLUX_JAR" "${SCG_ARGS[@]}" ;;
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
	echo "\"nginxWorkers\":\"$NGINX_WORKERS\",\"rounds\":$ROUNDS,\"loadStart\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}}"
} | tr -d '\n' >>"$RESULTS"
echo >>"$RESULTS"

start_upstream

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
		for size in $SIZES; do
			url="$TARGET_BASE/$size.bin"
			run_wrk "$SIZE_WARMUP" summary.lua "$url" >/dev/null 2>&1 || true
			cpu_before=$(cpu_ticks "$TARGET_PID")
			wrk_out=$(run_wrk "$DURATION" summary.lua "$url" 2>&1) || true
			cpu_after=$(cpu_ticks "$TARGET_PID")
			rss=$(rss_kb "$TARGET_PID")
			mem='{}'
			ledger=n/a
			case "$target" in
				nginx-*) ;;
				*) mem=$(memory_json); ledger=$(ledger_outstanding) ;;
			esac
			wrk_json=$(echo "$wrk_out" | sed -n 's/^WRKJSON //p' | tail -1)
			[ -n "$wrk_json" ] || wrk_json='{"failed":"wrk printed no summary"}'
			echo "{\"target\":\"$target\",\"round\":$round,\"size\":\"$size\",\"wrk\":$wrk_json,\"cpuTicks\":$((cpu_after - cpu_before)),\"clkTck\":$CLK_TCK,\"rssKiB\":$rss,\"memory\":$mem,\"ledgerOutstanding\":\"$ledger\",\"load\":\"$(cut -d' ' -f1 /proc/loadavg)\"}" >>"$RESULTS"
			log "$target $size: $(echo "$wrk_json" | cut -c1-120)"
		done
		[ "$target" != nginx-direct ] && stop_pid "$TARGET_PID"
	done
done

python3 "$BENCH_DIR/report.py" "$RESULTS" "$OUT"
gnuplot -e "dat='$OUT/chart.dat'; png='$OUT/results.png'; sizes='$(cat "$OUT/chart.sizes")'" "$BENCH_DIR/chart.gp" >"$WORK/logs/gnuplot.log" 2>&1 || log "gnuplot failed: see bench/work/logs/gnuplot.log"
log "wrote $OUT/results.md and $OUT/results.png"
