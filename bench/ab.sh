#!/usr/bin/env bash
# Compares a few targets side by side, for effects smaller than this machine's drift. All of them
# run at once, each on its own port, and are measured in turns, one short slice each, the order
# reversed every other cycle. A slow patch of the machine then falls on neighbouring slices of
# every target, and the ratio of two targets within one cycle cancels it: the report gives, for
# each target against the first, the median of those per-cycle ratios and their quartiles.
# Writes bench/out/ab-<size>.jsonl and bench/out/ab-<size>.md.
#
#   AB_TARGETS="sluice-netty sluice-netty-ledger-off" bench/ab.sh        the ledger's cost
#   AB_TARGETS="sluice-netty sluice-netty-metrics-off" bench/ab.sh       the cost of Sluice's meters
#   AB_TARGETS="sluice-netty sluice-netty-client-observed" bench/ab.sh   that of observing upstream calls
#   AB_BASELINE_JAR=old.jar AB_TARGETS="sluice-netty sluice-netty-baseline" bench/ab.sh
#                                      this work tree against a Sluice-Netty bench jar built before
#   BENCH_ALT_ARGS="--sluice.http-client.response-timeout=0" AB_TARGETS="sluice-netty sluice-netty-alt" bench/ab.sh
#                                      a setting's cost: the same jar with and without BENCH_ALT_ARGS
#   AB_TARGETS="sluice-netty-redis sluice-netty-ratelimited scg-webflux-redis scg-webflux-ratelimited" bench/ab.sh
#                                      RequestRateLimiter on Redis (started here), Sluice and Spring Cloud Gateway
#
# A name may end in #N to run another JVM of the same target ("sluice-netty#2"): one JVM differs from
# the next by a few percent, so an effect that small needs several of each; the report then also
# compares the targets' means, cycle by cycle.
#
# Environment: AB_TARGETS (target names as in run.sh, plus sluice-netty-baseline), AB_SIZE (1k),
# AB_SLICE (8 s), AB_CYCLES (12), AB_WARMUP (45 s per target, then held until its JIT settles),
# AB_BASELINE_JAR, BENCH_SKIP_BUILD=1, BENCH_SLUICE_ARGS, BENCH_JVM_FLAGS.
source "$(dirname "$0")/lib.sh"

TARGETS="${AB_TARGETS:-sluice-netty sluice-netty-ledger-off}"
SIZE="${AB_SIZE:-1k}"
SLICE="${AB_SLICE:-8}"
CYCLES="${AB_CYCLES:-12}"
WARMUP="${AB_WARMUP:-45}"
RESULTS="$OUT/ab-$SIZE.jsonl"

case " $TARGETS " in
	*" sluice-netty-baseline "*)
		[ -s "${AB_BASELINE_JAR:-}" ] || { log "sluice-netty-baseline needs AB_BASELINE_JAR, a bench-sluice-netty.jar"; exit 1; } ;;
esac

ensure_tools
build_apps all
LEDGER=present
start_upstream
case " $TARGETS " in
	*-redis" "*|*-ratelimited" "*|*-redis#*|*-ratelimited#*) start_redis ;;
esac

declare -A PIDS BASES
port=$((TARGET_PORT + 10))
for target in $TARGETS; do
	if [ "${target%%#*}" = sluice-netty-baseline ]; then
		# sluice-netty, from the other jar (the assignment holds for this call only).
		SLUICE_NETTY_JAR="$AB_BASELINE_JAR" start_target sluice-netty "$port" "ab-${target/\#/-}"
	else
		start_target "${target%%#*}" "$port" "ab-${target/\#/-}"
	fi
	PIDS[$target]=$TARGET_PID
	BASES[$target]=$TARGET_BASE
	wait_http "$TARGET_BASE/1k.bin" 120 "$TARGET_PID"
	port=$((port + 1))
done

# Warmed one after another: each JVM compiles with the machine to itself.
for target in $TARGETS; do
	TARGET_PID=${PIDS[$target]}
	log "warming $target for ${WARMUP}s at $SIZE"
	run_wrk "$WARMUP" summary.lua "${BASES[$target]}/$SIZE.bin" >/dev/null 2>&1 || true
	log "$target held $(settle summary.lua "${BASES[$target]}/$SIZE.bin") s more for its JIT"
done

echo "{\"meta\":{\"date\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"sluiceCommit\":\"$(git -C "$ROOT_DIR" rev-parse --short HEAD)\",\"size\":\"$SIZE\",\"slice\":$SLICE,\"cycles\":$CYCLES,\"targets\":\"$TARGETS\",\"baselineJar\":\"${AB_BASELINE_JAR:-}\",\"jvmFlags\":\"${JVM_FLAGS[*]}\",\"connections\":$CONNECTIONS}}" >"$RESULTS"
for cycle in $(seq 1 "$CYCLES"); do
	order="$TARGETS"
	[ $((cycle % 2)) = 0 ] && order=$(reversed $TARGETS)
	for target in $order; do
		pid=${PIDS[$target]}
		before=$(cpu_ticks "$pid")
		wrk_json=$(run_wrk "$SLICE" summary.lua "${BASES[$target]}/$SIZE.bin" 2>&1 | sed -n 's/^WRKJSON //p' | tail -1)
		after=$(cpu_ticks "$pid")
		[ -n "$wrk_json" ] || wrk_json='{"failed":"wrk printed no summary"}'
		echo "{\"cycle\":$cycle,\"target\":\"$target\",\"wrk\":$wrk_json,\"cpuTicks\":$((after - before)),\"clkTck\":$CLK_TCK}" >>"$RESULTS"
	done
	log "cycle $cycle of $CYCLES done"
done

python3 "$BENCH_DIR/ab_report.py" "$RESULTS" >"$OUT/ab-$SIZE.md"
cat "$OUT/ab-$SIZE.md"
