#!/usr/bin/env bash
# Profiles the gateway's hot path: each target is warmed up, then recorded for PROFILE_SECONDS under
# a 1 KiB load (or PROFILE_SIZE), and bench/out/profile-<target>.txt summarizes where the CPU went.
#
# PROFILE_WITH=async (the default) loads async-profiler, fetched from Maven Central by Maven, into
# the running JVM: a CPU sample every millisecond, kernel frames included; the stacks are kept in
# bench/out/profile-<target>.collapsed. PROFILE_WITH=jfr records with JDK Flight Recorder instead
# (bench/out/profile-<target>.jfr), which samples Java code only, and sparsely.
#
#   bench/profile.sh                          sluice-netty and sluice-tomcat
#   PROFILE_TARGETS="raw-netty" bench/profile.sh   any JVM target of bench/run.sh
source "$(dirname "$0")/lib.sh"

TARGETS="${PROFILE_TARGETS:-sluice-netty sluice-tomcat}"
SECONDS_RECORDED="${PROFILE_SECONDS:-30}"
WARMUP="${PROFILE_WARMUP:-45}"
SIZE="${PROFILE_SIZE:-1k}"
WITH="${PROFILE_WITH:-async}"
ASYNC_PROFILER_VERSION=4.2

# async_profiler_lib : prints the path of libasyncProfiler.so for this machine, fetched once.
async_profiler_lib() {
	local lib="$WORK/async-profiler-$ASYNC_PROFILER_VERSION/linux-x64/libasyncProfiler.so"
	if [ ! -s "$lib" ]; then
		mvn -q -B dependency:get -Dartifact="tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION" >&2
		unzip -q -o "$HOME/.m2/repository/tools/profiler/async-profiler/$ASYNC_PROFILER_VERSION/async-profiler-$ASYNC_PROFILER_VERSION.jar" \
			'linux-x64/*' -d "$WORK/async-profiler-$ASYNC_PROFILER_VERSION" >&2
	fi
	echo "$lib"
}

# start_async PID FILE : samples PID's CPU for SECONDS_RECORDED into FILE (collapsed stacks); falls
# back to a timer where the kernel's perf events are not open to us.
start_async() {
	local lib event
	lib=$(async_profiler_lib)
	for event in cpu itimer; do
		# The options are quoted once more: jcmd would otherwise split them at "=".
		if jcmd "$1" JVMTI.agent_load "$lib" \
			"\"start,event=$event,interval=1ms,timeout=$SECONDS_RECORDED,file=$2,collapsed\"" | grep -q 'return code: 0'; then
			log "async-profiler sampling $event"
			return 0
		fi
	done
	log "async-profiler did not start"
	return 1
}

ensure_tools
build_apps all
LEDGER=present
start_upstream

for target in $TARGETS; do
	jfr="$OUT/profile-$target.jfr"
	collapsed="$OUT/profile-$target.collapsed"
	rm -f "$jfr" "$collapsed"
	start_target "$target"
	pid=$TARGET_PID
	wait_http "$TARGET_BASE/1k.bin" 120 "$pid"
	log "warming $target for ${WARMUP}s"
	timeout $((WARMUP + 30)) wrk -t2 -c32 -d"${WARMUP}s" "$TARGET_BASE/$SIZE.bin" >/dev/null
	if [ "$WITH" = async ]; then
		start_async "$pid" "$collapsed"
		recording="$collapsed"
	else
		jcmd "$pid" JFR.start name=bench settings=profile duration="${SECONDS_RECORDED}s" filename="$jfr" >/dev/null
		recording="$jfr"
	fi
	timeout $((SECONDS_RECORDED + 30)) wrk -t2 -c32 -d"${SECONDS_RECORDED}s" --latency \
		"$TARGET_BASE/$SIZE.bin" >"$WORK/logs/profile-$target-wrk.txt"
	for _ in $(seq 1 30); do [ -s "$recording" ] && break; sleep 1; done
	sleep 2
	stop_pid "$pid"
	load="$(grep 'Requests/sec' "$WORK/logs/profile-$target-wrk.txt")"
	if [ "$WITH" = async ]; then
		python3 "$BENCH_DIR/collapsed_hot.py" "$collapsed" "$target at $SIZE. Load during the recording: $load" \
			>"$OUT/profile-$target.txt"
	else
		jfr print --events jdk.ExecutionSample --stack-depth 64 "$jfr" >"$WORK/profile-$target.samples.txt"
		python3 "$BENCH_DIR/jfr_hot.py" "$WORK/profile-$target.samples.txt" "$load" >"$OUT/profile-$target.txt"
	fi
	log "wrote $OUT/profile-$target.txt"
done
