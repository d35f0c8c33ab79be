#!/usr/bin/env bash
# Soak: mixed 1 KiB / 64 KiB / 1 MiB traffic through Sluice on each server, with clients that
# reset mid-body and an upstream that resets mid-body; then checks Netty's leak reports, the
# ledger's outstanding count (when the ledger exists) and direct memory against its start.
# Writes bench/out/soak.md and bench/out/soak.jsonl, and each gateway's final /actuator/leaks report
# to bench/out/soak-sluice-<server>-leaks.json.
#
#   bench/soak.sh                       1,000,000 requests per server, at most 15 min each
#   SOAK_REQUESTS=50000 bench/soak.sh   a shorter soak
#   SOAK_MODE=paranoid bench/soak.sh    200,000 requests per server and protocol (HTTP/1.1, h2c; body
#                                       mix 0.85,0.14,0.01) at
#                                       Netty's paranoid leak detection, every request carrying a token
#                                       that the upstream echoes (a response with another's token is
#                                       misdelivered), mixed with the broken exchanges of issue 13:
#                                       103/100 before the final response, a 204 with a body, stray bytes
#                                       after a response, short and unterminated bodies, Connection: close,
#                                       and (HTTP/1.1) a chunked upload with a malformed chunk size
#
# Environment: SOAK_SERVERS ("netty tomcat"), SOAK_REQUESTS, SOAK_MAX_SECONDS, SOAK_CONNECTIONS,
# SOAK_WEIGHTS (of 1k,64k,1m; "0.70,0.25,0.05"), SOAK_CLIENT_RESETS (0.10), SOAK_UPSTREAM_RESETS (0.01),
# SOAK_WARMUP_REQUESTS, SOAK_LEAK_LEVEL (advanced), SOAK_DIRECT_TOLERANCE_MIB (8), BENCH_SKIP_BUILD=1;
# in paranoid mode also SOAK_PROTOCOLS ("http1 h2c"), SOAK_INTEGRITY (0.10, the share of broken exchanges).
source "$(dirname "$0")/lib.sh"

MODE="${SOAK_MODE:-standard}"
case "$MODE" in
	standard) PARANOID=0 ;;
	paranoid) PARANOID=1 ;;
	*) log "SOAK_MODE is standard or paranoid, not $MODE"; exit 1 ;;
esac
SERVERS="${SOAK_SERVERS:-netty tomcat}"
if [ "$PARANOID" = 1 ]; then
	REQUESTS="${SOAK_REQUESTS:-200000}"
	LEAK_LEVEL="${SOAK_LEAK_LEVEL:-paranoid}"
	WARMUP_REQUESTS="${SOAK_WARMUP_REQUESTS:-5000}"
	PROTOCOLS="${SOAK_PROTOCOLS:-http1 h2c}"
	# Paranoid records every access to every buffer: fewer 1 MiB bodies keep a run within minutes.
	WEIGHTS="${SOAK_WEIGHTS:-0.85,0.14,0.01}"
	INTEGRITY="${SOAK_INTEGRITY:-0.10}"
	RESULTS="$OUT/soak-paranoid.jsonl"
	REPORT="$OUT/soak-paranoid.md"
else
	PROTOCOLS=http1
	INTEGRITY=0
	RESULTS="$OUT/soak.jsonl"
	REPORT="$OUT/soak.md"
fi
TOKEN_UPSTREAM_PORT="${BENCH_TOKEN_UPSTREAM_PORT:-18091}"
REQUESTS="${REQUESTS:-${SOAK_REQUESTS:-1000000}}"
MAX_SECONDS="${SOAK_MAX_SECONDS:-900}"
CONNECTIONS="${SOAK_CONNECTIONS:-32}"
WEIGHTS="${WEIGHTS:-${SOAK_WEIGHTS:-0.70,0.25,0.05}}"
CLIENT_RESETS="${SOAK_CLIENT_RESETS:-0.10}"
UPSTREAM_RESETS="${SOAK_UPSTREAM_RESETS:-0.01}"
WARMUP_REQUESTS="${WARMUP_REQUESTS:-${SOAK_WARMUP_REQUESTS:-30000}}"
LEAK_LEVEL="${LEAK_LEVEL:-${SOAK_LEAK_LEVEL:-advanced}}"
TOLERANCE_MIB="${SOAK_DIRECT_TOLERANCE_MIB:-8}"

ensure_tools
build_apps sluice
mkdir -p "$WORK/soak-classes"
javac -d "$WORK/soak-classes" "$BENCH_DIR"/soak/*.java
: >"$RESULTS"

LEDGER_ARGS=()
if sluice_has_tracking "$SLUICE_NETTY_JAR"; then
	LEDGER_ARGS=(--sluice.buffers.tracking=true)
fi

if [ "$PARANOID" = 1 ]; then
	SLUICE_ARGS+=("--sluice.routes[2].id=tokens" "--sluice.routes[2].uri=http://$HOST:$TOKEN_UPSTREAM_PORT"
		"--sluice.routes[2].predicates[0]=Path=/t/**" "--sluice.routes[2].filters[0]=StripPrefix=1")
	# Every request carries a token that TokenUpstream echoes.
	TOKEN_ARGS=(tokens=true integrity="$INTEGRITY" paths=/t/echo?size=1024,/t/echo?size=65536,/t/echo?size=1048576)
else
	TOKEN_ARGS=()
fi

# driver PROTOCOL key=value...: the HTTP/1.1 driver on raw sockets, or the h2c one on the JDK's client.
driver() {
	local protocol="$1" main=SoakDriver
	shift
	[ "$protocol" = h2c ] && main=H2cSoakDriver
	timeout $((MAX_SECONDS + 120)) "$JAVA_BIN" -Xmx256m -cp "$WORK/soak-classes" "$main" \
		port="$TARGET_PORT" connections="$CONNECTIONS" weights="$WEIGHTS" seconds="$MAX_SECONDS" "$@"
}

token_stats() {
	curl -s -m 5 -f "http://$HOST:$TOKEN_UPSTREAM_PORT/stats" 2>/dev/null || echo '{}'
}

start_upstream
start_bg reset-upstream "$JAVA_BIN" -Xmx128m -cp "$WORK/soak-classes" ResetUpstream "$RESET_UPSTREAM_PORT"
RESET_PID=$LAST_PID
sleep 1
kill -0 "$RESET_PID"
if [ "$PARANOID" = 1 ]; then
	start_bg token-upstream "$JAVA_BIN" -Xmx256m -cp "$WORK/soak-classes" TokenUpstream "$TOKEN_UPSTREAM_PORT"
	wait_http "http://$HOST:$TOKEN_UPSTREAM_PORT/stats" 20 "$LAST_PID"
fi

for server in $SERVERS; do
for protocol in $PROTOCOLS; do
	case "$server" in
		netty) jar="$SLUICE_NETTY_JAR" ;;
		tomcat) jar="$SLUICE_TOMCAT_JAR" ;;
		*) log "unknown server $server"; exit 1 ;;
	esac
	case "$protocol" in
		http1) name="soak-sluice-$server"; H2_ARGS=() ;;
		h2c) name="soak-sluice-$server-h2c"; H2_ARGS=(--server.http2.enabled=true) ;;
		*) log "unknown protocol $protocol"; exit 1 ;;
	esac
	[ "$PARANOID" = 1 ] && name="$name-paranoid"
	log "== $name: $REQUESTS requests over $protocol, at most ${MAX_SECONDS}s, leak detection $LEAK_LEVEL"
	start_bg "$name" "$JAVA_BIN" "${JVM_FLAGS[@]}" -Dio.netty.leakDetection.level="$LEAK_LEVEL" \
		-jar "$jar" "${SLUICE_ARGS[@]}" "${LEDGER_ARGS[@]}" "${H2_ARGS[@]}" --sluice.buffers.leak-detection="$LEAK_LEVEL"
	pid=$LAST_PID
	if ! wait_http "http://$HOST:$TARGET_PORT/up/1k.bin" 120 "$pid"; then
		echo "{\"server\":\"$server\",\"protocol\":\"$protocol\",\"failed\":\"did not start; see bench/work/logs/$name.log\"}" >>"$RESULTS"
		stop_pid "$pid"
		continue
	fi
	log "warm-up: $WARMUP_REQUESTS requests without resets"
	driver http1 requests="$WARMUP_REQUESTS" clientResets=0 upstreamResets=0 >"$WORK/logs/$name-warmup.json" 2>/dev/null || true
	sleep 3
	memory_json '?gc=1' >/dev/null
	mem_start=$(memory_json '?gc=1')
	rss_start=$(rss_kb "$pid")
	cpu_start=$(cpu_ticks "$pid")
	tokens_start=$(token_stats)
	log "soak; start memory $mem_start"
	soak=$(driver "$protocol" requests="$REQUESTS" clientResets="$CLIENT_RESETS" upstreamResets="$UPSTREAM_RESETS" \
		"${TOKEN_ARGS[@]}" 2>"$WORK/logs/$name-driver.log" | tail -1) || true
	[ -n "$soak" ] || soak='{"failed":"driver printed nothing"}'
	cpu_end=$(cpu_ticks "$pid")
	mem_peak=$(memory_json)
	log "soak done: $soak"
	# Let cancelled exchanges settle (the ledger's grace is 5 s), collect garbage so Netty's detector
	# can see unreleased buffers, and allocate again so it reports them.
	sleep 10
	memory_json '?gc=1' >/dev/null
	driver http1 requests=2000 clientResets=0 upstreamResets=0 >/dev/null 2>&1 || true
	sleep 2
	memory_json '?gc=1' >/dev/null
	mem_end=$(memory_json '?gc=1')
	rss_end=$(rss_kb "$pid")
	outstanding=$(ledger_outstanding)
	# The whole report, so an exchange still holding buffers can be named (route, path, end state).
	curl -s -m 5 "http://$HOST:$TARGET_PORT/actuator/leaks" >"$OUT/$name-leaks.json" 2>/dev/null || true
	leaks=$(grep -c 'LEAK:' "$WORK/logs/$name.log" || true)
	stop_pid "$pid"
	cp "$WORK/logs/$name.log" "$OUT/$name.log"
	tokens_end=$(token_stats)
	echo "{\"server\":\"$server\",\"protocol\":\"$protocol\",\"mode\":\"$MODE\",\"tokenUpstreamStart\":$tokens_start,\"tokenUpstreamEnd\":$tokens_end,\"integrityShare\":$INTEGRITY,\"leakLevel\":\"$LEAK_LEVEL\",\"ledgerArgs\":\"${LEDGER_ARGS[*]:-}\",\"driver\":$soak,\"memoryStart\":$mem_start,\"memoryAfterLoad\":$mem_peak,\"memoryEnd\":$mem_end,\"rssStartKiB\":$rss_start,\"rssEndKiB\":$rss_end,\"cpuSeconds\":$(( (cpu_end - cpu_start) / CLK_TCK )),\"ledgerOutstanding\":\"$outstanding\",\"leakReports\":$leaks,\"toleranceMiB\":$TOLERANCE_MIB,\"weights\":\"$WEIGHTS\",\"clientResets\":$CLIENT_RESETS,\"upstreamResets\":$UPSTREAM_RESETS,\"connections\":$CONNECTIONS,\"budget\":$REQUESTS,\"maxSeconds\":$MAX_SECONDS}" >>"$RESULTS"
done
done

python3 "$BENCH_DIR/soak_report.py" "$RESULTS" "$REPORT"
log "wrote $REPORT"
