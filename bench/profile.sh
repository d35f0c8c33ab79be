#!/usr/bin/env bash
# Profiles the gateway's hot path with JDK Flight Recorder: each target is warmed up, then
# recorded for PROFILE_SECONDS under a 1 KiB load (or PROFILE_SIZE). Writes bench/out/profile-<target>.jfr
# and a summary of the hottest frames, bench/out/profile-<target>.txt.
#
#   bench/profile.sh                          sluice-netty and sluice-tomcat
#   PROFILE_TARGETS="raw-netty" bench/profile.sh
source "$(dirname "$0")/lib.sh"

TARGETS="${PROFILE_TARGETS:-sluice-netty sluice-tomcat}"
SECONDS_RECORDED="${PROFILE_SECONDS:-30}"
WARMUP="${PROFILE_WARMUP:-45}"
SIZE="${PROFILE_SIZE:-1k}"

ensure_tools
build_apps sluice
start_upstream

for target in $TARGETS; do
	jfr="$OUT/profile-$target.jfr"
	rm -f "$jfr"
	case "$target" in
		sluice-netty) cmd=(-jar "$SLUICE_NETTY_JAR" "${SLUICE_ARGS[@]}") ;;
		sluice-tomcat) cmd=(-jar "$SLUICE_TOMCAT_JAR" "${SLUICE_ARGS[@]}") ;;
		raw-netty) cmd=(-jar "$RAW_NETTY_JAR" "$TARGET_PORT" "http://$HOST:$UPSTREAM_PORT") ;;
		scg-webflux) scg_args webflux; cmd=(-jar "$SCG_WEBFLUX_JAR" "${SCG_ARGS[@]}") ;;
		*) log "profile.sh knows sluice-netty, sluice-tomcat, raw-netty, scg-webflux"; exit 1 ;;
	esac
	start_bg "profile-$target" "$JAVA_BIN" "${JVM_FLAGS[@]}" "${cmd[@]}"
	pid=$LAST_PID
	wait_http "http://$HOST:$TARGET_PORT/up/1k.bin" 120 "$pid"
	log "warming $target for ${WARMUP}s"
	timeout $((WARMUP + 30)) wrk -t2 -c32 -d"${WARMUP}s" "http://$HOST:$TARGET_PORT/up/$SIZE.bin" >/dev/null
	jcmd "$pid" JFR.start name=bench settings=profile duration="${SECONDS_RECORDED}s" filename="$jfr" >/dev/null
	timeout $((SECONDS_RECORDED + 30)) wrk -t2 -c32 -d"${SECONDS_RECORDED}s" --latency \
		"http://$HOST:$TARGET_PORT/up/$SIZE.bin" >"$WORK/logs/profile-$target-wrk.txt"
	for _ in $(seq 1 30); do [ -s "$jfr" ] && break; sleep 1; done
	sleep 2
	stop_pid "$pid"
	jfr print --events jdk.ExecutionSample --stack-depth 64 "$jfr" >"$WORK/profile-$target.samples.txt"
	python3 "$BENCH_DIR/jfr_hot.py" "$WORK/profile-$target.samples.txt" \
		"$(grep 'Requests/sec' "$WORK/logs/profile-$target-wrk.txt")" >"$OUT/profile-$target.txt"
	log "wrote $OUT/profile-$target.txt"
done
