# Shared helpers for bench/run.sh, bench/ab.sh, bench/soak.sh and bench/profile.sh. Sourced, not run.
# Every process started here is recorded and stopped by cleanup (trap on EXIT); every server
# binds 127.0.0.1 only; every load run is bounded in time.

set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(cd "$BENCH_DIR/.." && pwd)"
WORK="$BENCH_DIR/work"
OUT="$BENCH_DIR/out"
APPS="$BENCH_DIR/apps"
mkdir -p "$WORK/logs" "$OUT"

# Ports, all on 127.0.0.1.
UPSTREAM_PORT="${BENCH_UPSTREAM_PORT:-18080}"
RESET_UPSTREAM_PORT="${BENCH_RESET_UPSTREAM_PORT:-18090}"
TARGET_PORT="${BENCH_TARGET_PORT:-18081}"
REDIS_PORT="${BENCH_REDIS_PORT:-18379}"
HOST=127.0.0.1

# The same flags for every JVM target.
JAVA_BIN="${JAVA_BIN:-java}"
JVM_FLAGS=(${BENCH_JVM_FLAGS:--Xms512m -Xmx512m -XX:MaxDirectMemorySize=256m})

STARTED_PIDS=()

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

cleanup() {
	local pid
	for pid in "${STARTED_PIDS[@]:-}"; do
		[ -n "$pid" ] && stop_pid "$pid"
	done
	STARTED_PIDS=()
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start_bg NAME CMD... : starts CMD in the background, logs to work/logs/NAME.log, sets $LAST_PID.
start_bg() {
	local name="$1"
	shift
	"$@" >"$WORK/logs/$name.log" 2>&1 &
	LAST_PID=$!
	STARTED_PIDS+=("$LAST_PID")
	log "started $name (pid $LAST_PID)"
}

# stop_pid PID : TERM, then KILL after 20 s. Only ever a pid this script started.
stop_pid() {
	local pid="$1" i
	kill -0 "$pid" 2>/dev/null || return 0
	kill -TERM "$pid" 2>/dev/null || true
	for i in $(seq 1 200); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$pid" 2>/dev/null; then
		kill -KILL "$pid" 2>/dev/null || true
	fi
	wait "$pid" 2>/dev/null || true
	local kept=() p
	for p in "${STARTED_PIDS[@]:-}"; do
		[ "$p" != "$pid" ] && [ -n "$p" ] && kept+=("$p")
	done
	STARTED_PIDS=("${kept[@]:-}")
}

# wait_http URL SECONDS PID : waits for a 200, fails early if PID died.
wait_http() {
	local url="$1" secs="$2" pid="${3:-}" end=$((SECONDS + $2))
	while [ $SECONDS -lt $end ]; do
		if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
			log "process $pid died before $url answered"
			return 1
		fi
		if [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$url" || true)" = 200 ]; then
			return 0
		fi
		sleep 0.5
	done
	log "no 200 from $url within ${secs}s"
	return 1
}

# The process and its direct children (nginx workers).
proc_tree() {
	local pid="$1"
	echo "$pid"
	pgrep -P "$pid" 2>/dev/null || true
}

# cpu_ticks PID : user+system clock ticks of PID and its children still alive.
cpu_ticks() {
	local total=0 p t
	for p in $(proc_tree "$1"); do
		t=$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)
		total=$((total + t))
	done
	echo "$total"
}

# jit_seconds PID : seconds the JVM's JIT compilers have worked so far (jstat); empty for a non-JVM.
jit_seconds() {
	{ jstat -compiler "$1" 2>/dev/null || true; } | awk 'NR == 2 {print $4}'
}

# rss_kb PID : resident set of PID and its children, in KiB.
rss_kb() {
	local total=0 p r
	for p in $(proc_tree "$1"); do
		r=$(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
		total=$((total + ${r:-0}))
	done
	echo "$total"
}

CLK_TCK=$(getconf CLK_TCK)

ensure_tools() {
	local missing=()
	command -v nginx >/dev/null || missing+=(nginx)
	command -v wrk >/dev/null || missing+=(wrk)
	command -v gnuplot >/dev/null || missing+=(gnuplot-nox)
	command -v curl >/dev/null || missing+=(curl)
	if [ ${#missing[@]} -gt 0 ]; then
		log "installing ${missing[*]} from Debian's packages"
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
	fi
	command -v python3 >/dev/null || { log "python3 is needed for the report"; exit 1; }
	command -v mvn >/dev/null || { log "mvn is needed to build the bench apps"; exit 1; }
}

SLUICE_NETTY_JAR="$APPS/sluice/target/netty/bench-sluice-netty.jar"
SLUICE_TOMCAT_JAR="$APPS/sluice/target/tomcat/bench-sluice-tomcat.jar"
SCG_WEBFLUX_JAR="$APPS/scg-webflux/target/plain/bench-scg-webflux.jar"
SCG_WEBFLUX_ACTUATOR_JAR="$APPS/scg-webflux/target/actuator/bench-scg-webflux-actuator.jar"
SLUICE_NETTY_REDIS_JAR="$APPS/sluice/target/netty-redis/bench-sluice-netty-redis.jar"
SCG_WEBFLUX_REDIS_JAR="$APPS/scg-webflux/target/redis/bench-scg-webflux-redis.jar"
SCG_WEBMVC_JAR="$APPS/scg-webmvc/target/bench-scg-webmvc.jar"
RAW_NETTY_JAR="$APPS/raw-netty/target/bench-raw-netty.jar"

# build_apps [all|sluice] : installs Sluice from this work tree, then packages the bench apps.
build_apps() {
	local what="${1:-all}"
	if [ "${BENCH_SKIP_BUILD:-0}" = 1 ]; then
		log "BENCH_SKIP_BUILD=1: using the jars already built"
		return 0
	fi
	log "installing Sluice from $ROOT_DIR"
	(cd "$ROOT_DIR" && mvn -q -B install -DskipTests) >"$WORK/logs/build-sluice.log" 2>&1 \
		|| { tail -40 "$WORK/logs/build-sluice.log"; return 1; }
	log "packaging bench apps"
	# clean: the app's own sources rarely change, and without it the repackaged jar keeps the
	# Sluice it was first built with.
	(cd "$APPS/sluice" && mvn -q -B -Pnetty clean package && mvn -q -B -Ptomcat clean package) \
		>"$WORK/logs/build-apps.log" 2>&1 || { tail -40 "$WORK/logs/build-apps.log"; return 1; }
	if [ "$what" = all ]; then
		local app
		for app in scg-webflux scg-webmvc raw-netty; do
			(cd "$APPS/$app" && mvn -q -B package) >>"$WORK/logs/build-apps.log" 2>&1 \
				|| { tail -40 "$WORK/logs/build-apps.log"; return 1; }
		done
		(cd "$APPS/scg-webflux" && mvn -q -B -Pactuator package) >>"$WORK/logs/build-apps.log" 2>&1 \
			|| { tail -40 "$WORK/logs/build-apps.log"; return 1; }
		# With Spring Data Redis: the rate limiter's targets.
		(cd "$APPS/sluice" && mvn -q -B -Pnetty-redis clean package && cd "$APPS/scg-webflux" && mvn -q -B -Predis package) \
			>>"$WORK/logs/build-apps.log" 2>&1 || { tail -40 "$WORK/logs/build-apps.log"; return 1; }
	fi
}

# Files the upstream serves: 1k.bin, 64k.bin, 1m.bin.
make_files() {
	mkdir -p "$WORK/www"
	[ -s "$WORK/www/1k.bin" ] || head -c 1024 /dev/urandom >"$WORK/www/1k.bin"
	[ -s "$WORK/www/64k.bin" ] || head -c 65536 /dev/urandom >"$WORK/www/64k.bin"
	[ -s "$WORK/www/1m.bin" ] || head -c 1048576 /dev/urandom >"$WORK/www/1m.bin"
	chmod 755 "$WORK/www"
	chmod 644 "$WORK/www"/*.bin
}

NGINX_WORKERS="${BENCH_NGINX_WORKERS:-auto}"

# nginx_conf NAME PORT BODY : writes work/nginx-NAME/nginx.conf serving BODY (a server block body).
nginx_conf() {
	local name="$1" port="$2" body="$3" dir="$WORK/nginx-$1"
	mkdir -p "$dir/tmp"
	chmod 777 "$dir/tmp"
	local user_line=""
	[ "$(id -u)" = 0 ] && user_line="user root;"
	cat >"$dir/nginx.conf" <<CONF
$user_line
worker_processes $NGINX_WORKERS;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
	access_log off;
	sendfile on;
	tcp_nopush on;
	tcp_nodelay on;
	keepalive_timeout 65;
	keepalive_requests 1000000;
	open_file_cache max=64 inactive=60s;
	client_body_temp_path $dir/tmp/body;
	proxy_temp_path $dir/tmp/proxy;
	fastcgi_temp_path $dir/tmp/fastcgi;
	uwsgi_temp_path $dir/tmp/uwsgi;
	scgi_temp_path $dir/tmp/scgi;
	default_type application/octet-stream;
	$body
}
CONF
	echo "$dir"
}

# start_redis: a redis-server on REDIS_PORT for the rate limiter's targets (installed by the tests'
# script when missing), nothing persisted, stopped by cleanup.
start_redis() {
	bash "$ROOT_DIR/.ci/install-redis.sh" >"$WORK/logs/install-redis.log" 2>&1 \
		|| { tail -20 "$WORK/logs/install-redis.log"; return 1; }
	start_bg redis redis-server --port "$REDIS_PORT" --bind "$HOST" --save '' --appendonly no
	local i
	for i in $(seq 1 100); do
		redis-cli -h "$HOST" -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && return 0
		sleep 0.1
	done
	log "redis-server did not answer on $REDIS_PORT"
	return 1
}

# The route's RequestRateLimiter, on Redis, with a limit the load never reaches, keyed by the
# client's address (one bucket: every request comes from 127.0.0.1).
SLUICE_LIMITER_ARGS=(--spring.data.redis.host=$HOST --spring.data.redis.port="$REDIS_PORT"
	"--sluice.routes[0].filters[1].name=RequestRateLimiter"
	"--sluice.routes[0].filters[1].args.redis-rate-limiter.replenishRate=1000000"
	"--sluice.routes[0].filters[1].args.redis-rate-limiter.burstCapacity=1000000"
	"--sluice.routes[0].filters[1].args.key-resolver=client-address")
scg_limiter_args() {
	local f="--spring.cloud.gateway.server.webflux.routes[0].filters[1]"
	SCG_LIMITER_ARGS=(--spring.data.redis.host=$HOST --spring.data.redis.port="$REDIS_PORT"
		"$f.name=RequestRateLimiter" "$f.args.redis-rate-limiter.replenishRate=1000000"
		"$f.args.redis-rate-limiter.burstCapacity=1000000" "$f.args.key-resolver=#{@clientAddress}")
}

start_upstream() {
	make_files
	local dir
	dir=$(nginx_conf upstream "$UPSTREAM_PORT" "server {
		listen $HOST:$UPSTREAM_PORT;
		root $WORK/www;
		location / { }
	}")
	start_bg nginx-upstream nginx -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;'
	UPSTREAM_PID=$LAST_PID
	wait_http "http://$HOST:$UPSTREAM_PORT/1k.bin" 20 "$UPSTREAM_PID"
}

# Sluice route arguments: /up/** to the nginx upstream, and /reset/** to the resetting upstream.
SLUICE_ARGS=(--server.address=$HOST --server.port="$TARGET_PORT" --spring.main.banner-mode=off
	--management.endpoints.web.exposure.include=health,leaks,gateway
	"--sluice.routes[0].id=up" "--sluice.routes[0].uri=http://$HOST:$UPSTREAM_PORT"
	"--sluice.routes[0].predicates[0]=Path=/up/**" "--sluice.routes[0].filters[0]=StripPrefix=1"
	"--sluice.routes[1].id=reset" "--sluice.routes[1].uri=http://$HOST:$RESET_UPSTREAM_PORT"
	"--sluice.routes[1].predicates[0]=Path=/reset/**" "--sluice.routes[1].filters[0]=StripPrefix=1")
# scg_args STACK [PORT] (webflux or webmvc): sets SCG_ARGS, the same route for Spring Cloud Gateway.
scg_args() {
	local p="--spring.cloud.gateway.server.$1.routes[0]"
	SCG_ARGS=(--server.address=$HOST --server.port="${2:-$TARGET_PORT}" --spring.main.banner-mode=off
		--spring.cloud.compatibility-verifier.enabled=false
		"$p.id=up" "$p.uri=http://$HOST:$UPSTREAM_PORT" "$p.predicates[0]=Path=/up/**" "$p.filters[0]=StripPrefix=1")
}

# BENCH_SLUICE_ARGS: extra arguments for every Sluice target, e.g. to measure a setting.
read -r -a EXTRA_SLUICE_ARGS <<<"${BENCH_SLUICE_ARGS:-}"
SLUICE_ARGS+=("${EXTRA_SLUICE_ARGS[@]}")

# Whether the installed Sluice has the ledger switch (sluice.buffers.tracking, issue 3).
sluice_has_tracking() {
	local jar="$1" inner
	inner=$(mktemp "$WORK/inner-XXXXXX.jar")
	unzip -p "$jar" 'BOOT-INF/lib/sluice-spring-boot-0*.jar' >"$inner" 2>/dev/null || true
	if unzip -p "$inner" META-INF/spring-configuration-metadata.json 2>/dev/null | grep -q '"sluice.buffers.tracking"' \
		|| unzip -p "$inner" dev/sluice/autoconfigure/SluiceBufferProperties.class 2>/dev/null | grep -aq setTracking; then
		rm -f "$inner"
		return 0
	fi
	rm -f "$inner"
	return 1
}

# The ledger's outstanding count from /actuator/leaks, or "n/a" while that endpoint does not exist.
ledger_outstanding() {
	local json
	json=$(curl -s -m 5 -f "http://$HOST:$TARGET_PORT/actuator/leaks" 2>/dev/null) || { echo n/a; return; }
	python3 -c 'import json,sys
try:
    d = json.loads(sys.argv[1]); print(d["buffers"]["outstanding"])
except Exception:
    print("n/a")' "$json"
}

memory_json() {
	curl -s -m 10 -f "http://$HOST:$TARGET_PORT/bench/memory${1:-}" 2>/dev/null || echo '{}'
}

# start_target NAME [PORT [LOG]] : starts it on PORT ($TARGET_PORT), logging to work/logs/LOG.log
# (NAME.log); sets TARGET_PID and TARGET_BASE (the URL up to the file name). The ledger-off variant
# needs LEDGER=present (sluice_has_tracking).
start_target() {
	local name="$1" port="${2:-$TARGET_PORT}" log_name="${3:-$1}"
	TARGET_BASE="http://$HOST:$port/up"
	local sluice=("${SLUICE_ARGS[@]/#--server.port=*/--server.port=$port}")
	case "$name" in
		sluice-netty)
			local ledger=()
			[ "$LEDGER" = present ] && ledger=(--sluice.buffers.tracking=true)
			start_bg "$log_name" "$JAVA_BIN" "${JVM_FLAGS[@]}" -jar "$SLUICE_NETTY_JAR" "${sluice[@]}" "${ledger[@]}" ;;
		sluice-netty-ledger-off)
			start_bg "$log_name" "$JAVA_BIN" "${JVM_FLAGS[@]}" -jar "$SLUICE_NETTY_JAR" "${sluice[@]}" \
				--sluice.buffers.tracking=false ;;
		sluice-netty-lean)
			# Without the per-request long-task timer of http.server.requests (docs/performance.md).
			start_bg "$log_name" "$JAVA_BIN" "${JVM_FLAGS[@]}" -jar "$SLUICE_NETTY_JAR" "${sluice[@]}" \
				--management.metrics.observations.ignored-meters=long-task-timer ;;
		sluice-netty-metrics-off)
			# Without Sluice's own meters and observations (docs/observability.md): their cost.
			start_bg "$log_name" "$JAVA_BIN" "${JVM_FLAGS[@]}" -jar "$SLUICE_NETTY_JAR" "${sluice[@]}" \
				--sluice.metrics.enabled=false ;;
		sluice-netty-client-observed)
			# With the http.client.requests observation of each upstream call, which is on by default
			# only with Micrometer Tracing (docs/observability.md).
			start_bg "$log_name" "$JAVA_BIN" "${JVM_FLAGS[@]}" -jar "$SLUICE_NETTY_JAR" "${sluice[@]}" \
				--sluice.metrics.http-client.enabled=true ;;
		sluice-netty-unobserved)
			# Without the actuator's observation of each request (docs/performance.md).
			start_bg "$log_name" "$JAVA_BIN" "${JVM_FLAGS[@]}" -jar "$SLUICE_NETTY_JAR" "${sluice[@]}" \
				--management.observations.enable.http.server.requests=false ;;
		sluice-netty-alt)
			# The same jar with BENCH_ALT_ARGS added: a setting's cost, side by side.
			local alt=()
			read -r -a alt <<<"${BENCH_ALT_ARGS:-}"
			start_bg "$log_name" "$JAVA_BIN" "${JVM_FLAGS[@]}" -jar "$SLUICE_NETTY_JAR" "${sluice[@]}" "${alt[@]}" ;;
		sluice-netty-redis)
			# With Spring Data Redis on the class path, no limiter: the baseline of the next.
			start_bg "$log_name" "$JAVA_BIN" "${JVM_FLAGS[@]}" -jar "$SLUICE_NETTY_REDIS_JAR" "${sluice[@]}" \
				--spring.data.redis.host=$HOST --spring.data.redis.port="$REDIS_PORT" ;;
		sluice-netty-ratelimited)
			start_bg "$log_name" "$JAVA_BIN" "${JVM_FLAGS[@]}" -jar "$SLUICE_NETTY_REDIS_JAR" "${sluice[@]}" \
				"${SLUICE_LIMITER_ARGS[@]}" ;;
		sluice-tomcat)
			start_bg "$log_name" "$JAVA_BIN" "${JVM_FLAGS[@]}" -jar "$SLUICE_TOMCAT_JAR" "${sluice[@]}" ;;
		scg-webflux)
			scg_args webflux "$port"
			start_bg "$log_name" "$JAVA_BIN" "${JVM_FLAGS[@]}" -jar "$SCG_WEBFLUX_JAR" "${SCG_ARGS[@]}" ;;
		scg-webflux-actuator)
			scg_args webflux "$port"
			start_bg "$log_name" "$JAVA_BIN" "${JVM_FLAGS[@]}" -jar "$SCG_WEBFLUX_ACTUATOR_JAR" "${SCG_ARGS[@]}" \
				--management.endpoints.web.exposure.include=health,gateway ;;
		scg-webflux-redis)
			scg_args webflux "$port"
			start_bg "$log_name" "$JAVA_BIN" "${JVM_FLAGS[@]}" -jar "$SCG_WEBFLUX_REDIS_JAR" "${SCG_ARGS[@]}" \
				--spring.data.redis.host=$HOST --spring.data.redis.port="$REDIS_PORT" ;;
		scg-webflux-ratelimited)
			scg_args webflux "$port"
			scg_limiter_args
			start_bg "$log_name" "$JAVA_BIN" "${JVM_FLAGS[@]}" -jar "$SCG_WEBFLUX_REDIS_JAR" "${SCG_ARGS[@]}" \
				"${SCG_LIMITER_ARGS[@]}" ;;
		scg-webmvc)
			scg_args webmvc "$port"
			start_bg "$log_name" "$JAVA_BIN" "${JVM_FLAGS[@]}" -jar "$SCG_WEBMVC_JAR" "${SCG_ARGS[@]}" ;;
		raw-netty)
			start_bg "$log_name" "$JAVA_BIN" "${JVM_FLAGS[@]}" -jar "$RAW_NETTY_JAR" "$port" "http://$HOST:$UPSTREAM_PORT" ;;
		nginx-proxy)
			local dir
			dir=$(nginx_conf "proxy-$port" "$port" "upstream files { server $HOST:$UPSTREAM_PORT; keepalive 64; }
	server {
		listen $HOST:$port;
		location /up/ {
			proxy_pass http://files/;
			proxy_http_version 1.1;
			proxy_set_header Connection \"\";
		}
	}")
			start_bg "$log_name" nginx -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;' ;;
		nginx-direct)
			# The upstream itself: nothing to start.
			TARGET_PID="$UPSTREAM_PID"
			TARGET_BASE="http://$HOST:$UPSTREAM_PORT"
			return 0 ;;
		*) log "unknown target $name"; return 1 ;;
	esac
	TARGET_PID=$LAST_PID
}

# The load: wrk threads and connections, and the longest a JVM is held for its JIT to settle.
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
SETTLE_MAX="${BENCH_SETTLE_MAX:-60}"

# run_wrk DURATION SCRIPT URL [ARGS] : bounded wrk run; prints its WRKJSON line.
run_wrk() {
	local duration="$1" script="$2" url="$3"
	shift 3
	timeout $((duration + 60)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${duration}s" --timeout 10s --latency \
		-s "$BENCH_DIR/wrk/$script" "$url" -- "$@"
}

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
