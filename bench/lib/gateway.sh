# gateway section of bench/run: GET a partner by id (random ids, 32 connections, viewer token)
# four ways in one run: directly to partner-service, through the gateway, through nginx as a plain
# keep-alive reverse proxy (all three to the same partner-service), and through a second gateway
# in front of two replicas of partner-service (that one and another on the same database), which
# it takes in turn. Each path is warmed up for BENCH_WARMUP seconds (all four before any is
# measured), then the four are measured back to back, BENCH_DURATION seconds each, in
# BENCH_GATEWAY_ROUNDS rounds (each round in a rotated order).
# Targets: the gateway keeps at least 0.85 of the direct throughput and does at least as well
# as nginx. The replicas row has no target: it shows what a second replica gives on this machine
# (on one machine the replicas share its cores; on a cluster each has its own).

: "${BENCH_GATEWAY_PORT:=18080}"
: "${BENCH_NGINX_PORT:=18090}"
: "${BENCH_NGINX_WORKERS:=auto}"     # nginx worker_processes: auto (one per core) or a number
: "${BENCH_GATEWAY_ROUNDS:=1}"       # >1: the three paths measured in that many interleaved rounds
: "${BENCH_GATEWAY_RATE_LIMIT:=raised}"   # raised (the limiter runs, 1,000,000/s) or off
: "${BENCH_REPLICA_PARTNER_PORT:=18087}"     # the second replica of partner-service
: "${BENCH_REPLICAS_GATEWAY_PORT:=18088}"    # the gateway in front of both replicas

GATEWAY_JAR="$ROOT/gateway/target/quarkus-app/quarkus-run.jar"
GATEWAY_PATHS=(direct gateway nginx replicas)
GATEWAY_CONNS=32
declare -A GATEWAY_URL=()
declare -A GATEWAY_LABEL=([direct]="direct to partner-service" [gateway]="through the gateway"
    [nginx]="through nginx" [replicas]="through the gateway, 2 partner replicas")
NGINX_PID=""
NGINX_WORKER_PIDS=""

# nginx from Debian's package, when missing. Only this section needs it, so bench/run partner
# does not install it.
gateway_install_nginx() {
    if ! command -v nginx >/dev/null; then
        log "installing nginx"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y nginx >>"$RAW_LOG" 2>&1 \
            || { apt-get update >>"$RAW_LOG" 2>&1 && apt-get install -y nginx >>"$RAW_LOG" 2>&1; } \
            || die "apt-get install nginx failed"
    fi
    FIG[nginx.version]=$(nginx -v 2>&1 | sed 's|^nginx version: ||')
}

# A port nothing listens on, from $1 upwards: where the gateway is told project-service and
# training-service are, so that they are simply down.
gateway_closed_port() {
    local port=$1
    while port_in_use "$port"; do
        port=$((port + 1))
    done
    echo "$port"
}

# gateway_start [NAME [PORT [PARTNER_URL [VAR=value...]]]]: the gateway as deployed
# (java $BENCH_JAVA_OPTS -jar ...) as service NAME (default gateway) on PORT (default
# BENCH_GATEWAY_PORT), partner-service behind it at PARTNER_URL (default the one on
# BENCH_PARTNER_PORT), the two other services at closed ports. Its readiness stays DOWN then (it
# needs every service), so the start waits for liveness; proxying does not depend on readiness,
# which gateway_measure checks.
gateway_start() {
    local name=${1:-gateway} port=${2:-$BENCH_GATEWAY_PORT} partner_url=${3:-http://127.0.0.1:$BENCH_PARTNER_PORT}
    local project_port training_port
    project_port=$(gateway_closed_port 18082)
    training_port=$(gateway_closed_port $((project_port + 1)))
    local env=(PARTNER_SERVICE_URL="$partner_url"
        PROJECT_SERVICE_URL="http://127.0.0.1:$project_port"
        TRAINING_SERVICE_URL="http://127.0.0.1:$training_port"
        "${TOKEN_TRUST[@]}")
    # All of wrk's requests carry one token, so they are one client to the limiter (50/s by
    # default): raise the limit so the limiter still runs on every request, or switch it off.
    case $BENCH_GATEWAY_RATE_LIMIT in
        raised)
            env+=(AIC_GATEWAY_RATE_LIMIT_RATE=1000000 AIC_GATEWAY_RATE_LIMIT_BURST=1000000)
            FIG[gateway.rate_limit]="raised to 1,000,000/s, burst 1,000,000 (the limiter runs on every request)"
            ;;
        off)
            env+=(AIC_GATEWAY_RATE_LIMIT_ENABLED=false)
            FIG[gateway.rate_limit]="switched off (AIC_GATEWAY_RATE_LIMIT_ENABLED=false)"
            ;;
        *) die "BENCH_GATEWAY_RATE_LIMIT must be raised or off, not '$BENCH_GATEWAY_RATE_LIMIT'" ;;
    esac
    FIG[gateway.down_ports]="$project_port, $training_port"
    SVC_DB[$name]=$(partner_db "${PARTNER_SIZES[0]}")
    SVC_HEALTH=/q/health/live service_start "$name" "$GATEWAY_JAR" "$port" "${env[@]}" "${@:4}"
}

# nginx with its own configuration and prefix in $BENCH_WORK/nginx (never the system's
# /etc/nginx nor its service), in the foreground as a child of this shell, so $! is its master.
gateway_nginx_start() {
    local dir="$BENCH_WORK/nginx"
    port_in_use "$BENCH_NGINX_PORT" && die "port $BENCH_NGINX_PORT is taken; set BENCH_NGINX_PORT"
    mkdir -p "$dir/tmp"
    # the master runs as root (bench/run does); its workers as nobody, who may write the temp dirs
    chown nobody:nogroup "$dir/tmp"
    cat >"$dir/nginx.conf" <<EOF
# bench/run gateway section: a plain keep-alive reverse proxy to partner-service
daemon off;
user nobody nogroup;
worker_processes $BENCH_NGINX_WORKERS;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events {
    worker_connections 1024;
}
http {
    access_log off;
    client_body_temp_path $dir/tmp/client_body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    # nginx closes a keep-alive connection after 1000 requests by default (both to the clients
    # and upstream); the gateway does not, so neither does nginx here: no reconnects in the figures.
    keepalive_requests 1000000;
    upstream partner_service {
        server 127.0.0.1:$BENCH_PARTNER_PORT;
        keepalive 64;
        keepalive_requests 1000000;
    }
    server {
        listen 127.0.0.1:$BENCH_NGINX_PORT;
        location / {
            proxy_pass http://partner_service;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            # the client's Host, and the forwarding headers the gateway sends too
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
        }
    }
}
EOF
    nginx -t -c "$dir/nginx.conf" -p "$dir/" -e "$dir/error.log" >>"$RAW_LOG" 2>&1 \
        || die "nginx rejected $dir/nginx.conf; see $RAW_LOG"
    nginx -c "$dir/nginx.conf" -p "$dir/" -e "$dir/error.log" >>"$dir/error.log" 2>&1 &
    NGINX_PID=$!
    CLEANUP_HOOKS+=(gateway_nginx_stop)
    local t0=$SECONDS
    until curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$BENCH_NGINX_PORT/q/health/live"; do
        kill -0 "$NGINX_PID" 2>/dev/null || { NGINX_PID=""; cat "$dir/error.log" >&2; die "nginx exited while starting"; }
        [ $((SECONDS - t0)) -lt 30 ] || die "nginx does not answer on port $BENCH_NGINX_PORT after 30 s"
        sleep 0.05
    done
    NGINX_WORKER_PIDS=$(ps -o pid= --ppid "$NGINX_PID" | tr -s ' \n' ' ')
    FIG[nginx.workers]=$(echo "$NGINX_WORKER_PIDS" | wc -w)
    log "nginx (master pid $NGINX_PID, ${FIG[nginx.workers]} workers: $NGINX_WORKER_PIDS) on port $BENCH_NGINX_PORT"
}

gateway_nginx_stop() {
    [ -n "$NGINX_PID" ] || return 0
    # shellcheck disable=SC2086
    stop_pid "$NGINX_PID" nginx $NGINX_WORKER_PIDS
    cp "$BENCH_WORK/nginx/error.log" "${RAW_LOG%.log}.nginx.log" 2>/dev/null || true
    NGINX_PID=""
    log "nginx stopped"
}

# Resident memory of nginx's master and workers together, in MB.
gateway_nginx_memory() {
    local pid kb=0
    for pid in $NGINX_PID $NGINX_WORKER_PIDS; do
        kb=$((kb + $(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")))
    done
    FIG[nginx.rss_mb]=$((kb / 1024))
}

# gateway_run PATH KEY: one measurement of a path. The process wrk talks to is the service of
# the measurement (its threads, and its JFR profile with BENCH_PROFILE=1): partner-service for
# direct, the gateway for the gateway; for nginx, partner-service, with nginx's processes
# accounted beside it. Then every row gets the same figures: partner-service's and the
# proxy's cores and CPU ms per request.
gateway_run() {
    local path=$1 key=$2 svc
    case $path in
        direct) svc=gw-partner ;;
        gateway) svc=gateway; CPU_EXTRA=([partner]="${SVC_PID[gw-partner]}") ;;
        nginx) svc=gw-partner; CPU_EXTRA=([proxy]="$NGINX_PID $NGINX_WORKER_PIDS") ;;
        replicas) svc=gateway-replicas; CPU_EXTRA=([partner]="${SVC_PID[gw-partner]} ${SVC_PID[gw-partner-2]}") ;;
    esac
    wrk_run "$key" "$svc" "$GATEWAY_CONNS" paths.lua "${GATEWAY_URL[$path]}" -H "${AUTH[viewer]}" \
        -- "$(partner_get_paths)"
    CPU_EXTRA=()
    case $path in
        direct)
            FIG[$key.partner_cores]=${FIG[$key.cpu_svc]} FIG[$key.partner_ms]=${FIG[$key.ms_svc]}
            FIG[$key.proxy_cores]=- FIG[$key.proxy_ms]=-
            ;;
        gateway | replicas)
            FIG[$key.partner_cores]=${FIG[$key.cpu_partner]} FIG[$key.partner_ms]=${FIG[$key.ms_partner]}
            FIG[$key.proxy_cores]=${FIG[$key.cpu_svc]} FIG[$key.proxy_ms]=${FIG[$key.ms_svc]}
            ;;
        nginx)
            FIG[$key.partner_cores]=${FIG[$key.cpu_svc]} FIG[$key.partner_ms]=${FIG[$key.ms_svc]}
            FIG[$key.proxy_cores]=${FIG[$key.cpu_proxy]} FIG[$key.proxy_ms]=${FIG[$key.ms_proxy]}
            ;;
    esac
}

gateway_measure() {
    [ "$BENCH_GATEWAY_ROUNDS" -ge 1 ] 2>/dev/null || die "BENCH_GATEWAY_ROUNDS must be a whole number >= 1"
    gateway_install_nginx
    build_if_stale "$GATEWAY_JAR" gateway
    partner_prepare
    # its own name: a partner section in the same run keeps its start figures
    partner_start gw-partner
    gateway_start
    gateway_nginx_start
    # The second replica on the same database, and a gateway told both (PARTNER_SERVICE_URL, a comma list).
    partner_start gw-partner-2 "" "$BENCH_REPLICA_PARTNER_PORT"
    gateway_start gateway-replicas "$BENCH_REPLICAS_GATEWAY_PORT" \
        "http://127.0.0.1:$BENCH_PARTNER_PORT,http://127.0.0.1:$BENCH_REPLICA_PARTNER_PORT"
    GATEWAY_URL=([direct]="http://127.0.0.1:$BENCH_PARTNER_PORT" [gateway]="http://127.0.0.1:$BENCH_GATEWAY_PORT"
        [nginx]="http://127.0.0.1:$BENCH_NGINX_PORT" [replicas]="http://127.0.0.1:$BENCH_REPLICAS_GATEWAY_PORT")
    local viewer=${AUTH[viewer]} id_path path
    id_path=$(head -n 1 "$(partner_get_paths)")

    # The same answer all three ways, before any load.
    for path in "${GATEWAY_PATHS[@]}"; do
        expect_status 200 GET "${GATEWAY_URL[$path]}$id_path" -H "$viewer"
        cp "$BENCH_WORK/check.body" "$BENCH_WORK/check-$path.body"
    done
    for path in gateway nginx replicas; do
        cmp -s "$BENCH_WORK/check-direct.body" "$BENCH_WORK/check-$path.body" \
            || die "the partner read $path differs from the one read directly (see $RAW_LOG)"
    done
    # the gateway's own token check (401 before partner-service), and a request without a token
    # passed on to partner-service, which refuses it
    expect_status 401 GET "${GATEWAY_URL[gateway]}$id_path" -H "Authorization: Bearer not.a.token"
    expect_status 401 GET "${GATEWAY_URL[gateway]}$id_path"
    # Readiness is DOWN (two services are down), yet proxying to partner-service works: the
    # 200 above came while readiness said so.
    # The detailed readiness (which check is down, and why) is on the management interface.
    FIG[gateway.ready_status]=$(curl -s -o "$BENCH_WORK/gateway-ready.json" -w '%{http_code}' \
        "http://127.0.0.1:$((BENCH_GATEWAY_PORT + BENCH_MANAGEMENT_OFFSET))/q/health/ready") || FIG[gateway.ready_status]=000
    { echo "== gateway /q/health/ready (management) -> ${FIG[gateway.ready_status]}"; cat "$BENCH_WORK/gateway-ready.json"; echo; } >>"$RAW_LOG"
    expect_status 200 GET "${GATEWAY_URL[gateway]}$id_path" -H "$viewer"
    log "gateway readiness answered ${FIG[gateway.ready_status]} (project and training at closed ports); proxying answered 200"

    # The replicas' gateway takes both in turn: a few requests reach each (their own metrics say so).
    local before_1 before_2
    before_1=$(gateway_api_requests "$BENCH_PARTNER_PORT") before_2=$(gateway_api_requests "$BENCH_REPLICA_PARTNER_PORT")
    for _ in 1 2 3 4 5 6; do
        expect_status 200 GET "${GATEWAY_URL[replicas]}$id_path" -H "$viewer"
    done
    FIG[gateway.replicas.spread]="$(($(gateway_api_requests "$BENCH_PARTNER_PORT") - before_1)) and $(($(gateway_api_requests "$BENCH_REPLICA_PARTNER_PORT") - before_2))"
    log "6 requests through the replicas' gateway: ${FIG[gateway.replicas.spread]} answered by the two replicas"
    case ${FIG[gateway.replicas.spread]} in
        "0 and "* | *" and 0") die "the replicas' gateway did not take both replicas in turn (${FIG[gateway.replicas.spread]})" ;;
    esac

    # Equal warm-up for each path, all before any measurement: partner-service has then had
    # every kind of load for a while when the first measurement starts.
    for path in "${GATEWAY_PATHS[@]}"; do
        wrk_warmup "gateway.$path" "$GATEWAY_CONNS" paths.lua "${GATEWAY_URL[$path]}" -H "$viewer" \
            -- "$(partner_get_paths)"
    done
    local r i n=${#GATEWAY_PATHS[@]}
    for ((r = 1; r <= BENCH_GATEWAY_ROUNDS; r++)); do
        for ((i = 0; i < n; i++)); do
            path=${GATEWAY_PATHS[$(((i + r - 1) % n))]}
            gateway_run "$path" "gateway.$path.r$r"
        done
    done

    service_memory gateway
    gateway_nginx_memory
    log "resident memory after the load: gateway ${FIG[gateway.rss_mb]} MB (peak ${FIG[gateway.hwm_mb]} MB), nginx ${FIG[nginx.rss_mb]} MB"
    gateway_nginx_stop
    service_stop gateway-replicas
    service_stop gateway
    service_stop gw-partner-2
    service_stop gw-partner
    gateway_summarise
}

# The API requests partner-service on PORT has answered so far, from its metrics (management
# interface, PORT + BENCH_MANAGEMENT_OFFSET).
gateway_api_requests() {
    curl -fs --max-time 5 "http://127.0.0.1:$(($1 + BENCH_MANAGEMENT_OFFSET))/q/metrics" | awk '
        /^http_server_requests_seconds_count\{/ && /uri="\/api\// { n += $NF } END { printf "%d\n", n }'
}


# Per round: the ratios of paths measured close together in time; over the rounds, medians.
gateway_summarise() {
    local r path k
    local -a rps p99 gd nd gn gd99 nd99 gn99
    for path in "${GATEWAY_PATHS[@]}"; do
        rps=() p99=()
        for ((r = 1; r <= BENCH_GATEWAY_ROUNDS; r++)); do
            rps+=("${FIG[gateway.$path.r$r.rps]}") p99+=("${FIG[gateway.$path.r$r.p99_ms]}")
        done
        FIG[gateway.$path.rps]=$(printf '%.1f' "$(median "${rps[@]}")")
        FIG[gateway.$path.p99_ms]=$(printf '%.1f' "$(median "${p99[@]}")")
    done
    for ((r = 1; r <= BENCH_GATEWAY_ROUNDS; r++)); do
        k=gateway
        FIG[$k.r$r.gw_direct]=$(ratio "${FIG[$k.gateway.r$r.rps]}" "${FIG[$k.direct.r$r.rps]}")
        FIG[$k.r$r.nginx_direct]=$(ratio "${FIG[$k.nginx.r$r.rps]}" "${FIG[$k.direct.r$r.rps]}")
        FIG[$k.r$r.gw_nginx]=$(ratio "${FIG[$k.gateway.r$r.rps]}" "${FIG[$k.nginx.r$r.rps]}")
        FIG[$k.r$r.gw_direct_p99]=$(ratio "${FIG[$k.gateway.r$r.p99_ms]}" "${FIG[$k.direct.r$r.p99_ms]}")
        FIG[$k.r$r.nginx_direct_p99]=$(ratio "${FIG[$k.nginx.r$r.p99_ms]}" "${FIG[$k.direct.r$r.p99_ms]}")
        FIG[$k.r$r.gw_nginx_p99]=$(ratio "${FIG[$k.gateway.r$r.p99_ms]}" "${FIG[$k.nginx.r$r.p99_ms]}")
        gd+=("${FIG[$k.r$r.gw_direct]}") nd+=("${FIG[$k.r$r.nginx_direct]}") gn+=("${FIG[$k.r$r.gw_nginx]}")
        gd99+=("${FIG[$k.r$r.gw_direct_p99]}") nd99+=("${FIG[$k.r$r.nginx_direct_p99]}") gn99+=("${FIG[$k.r$r.gw_nginx_p99]}")
    done
    FIG[gateway.gw_direct]=$(printf '%.2f' "$(median "${gd[@]}")")
    FIG[gateway.nginx_direct]=$(printf '%.2f' "$(median "${nd[@]}")")
    FIG[gateway.gw_nginx]=$(printf '%.2f' "$(median "${gn[@]}")")
    FIG[gateway.gw_direct_p99]=$(printf '%.2f' "$(median "${gd99[@]}")")
    FIG[gateway.nginx_direct_p99]=$(printf '%.2f' "$(median "${nd99[@]}")")
    FIG[gateway.gw_nginx_p99]=$(printf '%.2f' "$(median "${gn99[@]}")")
    local -a rg rg99
    for ((r = 1; r <= BENCH_GATEWAY_ROUNDS; r++)); do
        rg+=("$(ratio "${FIG[gateway.replicas.r$r.rps]}" "${FIG[gateway.gateway.r$r.rps]}")")
        rg99+=("$(ratio "${FIG[gateway.replicas.r$r.p99_ms]}" "${FIG[gateway.gateway.r$r.p99_ms]}")")
        FIG[gateway.r$r.replicas_gw]=${rg[-1]}
    done
    FIG[gateway.replicas_gw]=$(printf '%.2f' "$(median "${rg[@]}")")
    FIG[gateway.replicas_gw_p99]=$(printf '%.2f' "$(median "${rg99[@]}")")
    log "gateway/direct ${FIG[gateway.gw_direct]}, nginx/direct ${FIG[gateway.nginx_direct]}, gateway/nginx ${FIG[gateway.gw_nginx]}, 2 partner replicas/1 ${FIG[gateway.replicas_gw]}"
}

gateway_report() {
    local rounds=$BENCH_GATEWAY_ROUNDS r path key label
    local how="each path warmed up ${BENCH_WARMUP}s, then measured ${BENCH_DURATION}s"
    [ "$rounds" -gt 1 ] && how="$how in each of $rounds rounds (figures: medians over the rounds)"
    report "gateway: GET /api/v1/partners/{id} of random partners, $GATEWAY_CONNS connections, viewer token; partner-service"
    report "  directly, through the gateway and through nginx, and 2 replicas of it through a second gateway; $how"
    GATEWAY_LABEL[gateway]="through the gateway"
    GATEWAY_LABEL[nginx]="through nginx (${FIG[nginx.workers]} worker$([ "${FIG[nginx.workers]}" = 1 ] || echo s))"
    report "$(printf '  %-44s %5s %9s %8s %8s %7s' path conns 'req/s' 'p50 ms' 'p99 ms' non-2xx)"
    for ((r = 1; r <= rounds; r++)); do
        for path in "${GATEWAY_PATHS[@]}"; do
            key=gateway.$path.r$r
            label=${GATEWAY_LABEL[$path]}
            [ "$rounds" -gt 1 ] && label="$label, round $r"
            report "$(printf '  %-44s %5s %9s %8s %8s %7s' "$label" "$GATEWAY_CONNS" "${FIG[$key.rps]}" \
                "${FIG[$key.p50_ms]}" "${FIG[$key.p99_ms]}" "${FIG[$key.non2xx]}")"
        done
    done
    if [ "$rounds" -gt 1 ]; then
        for path in "${GATEWAY_PATHS[@]}"; do
            report "$(printf '  %-44s %5s %9s %8s %8s' "${GATEWAY_LABEL[$path]}, median" "$GATEWAY_CONNS" \
                "${FIG[gateway.$path.rps]}" "" "${FIG[gateway.$path.p99_ms]}")"
        done
    fi
    report "$(printf '  %-44s %s' "gateway / direct" "${FIG[gateway.gw_direct]} of the throughput (target >= 0.85: $(verdict "${FIG[gateway.gw_direct]} >= 0.85")), p99 ${FIG[gateway.gw_direct_p99]} times")"
    report "$(printf '  %-44s %s' "nginx / direct" "${FIG[gateway.nginx_direct]} of the throughput, p99 ${FIG[gateway.nginx_direct_p99]} times")"
    report "$(printf '  %-44s %s' "gateway / nginx" "${FIG[gateway.gw_nginx]} of the throughput (target >= 1: $(verdict "${FIG[gateway.gw_nginx]} >= 1")), p99 ${FIG[gateway.gw_nginx_p99]} times (target <= 1: $(verdict "${FIG[gateway.gw_nginx_p99]} <= 1"))")"
    report "$(printf '  %-44s %s' "2 partner replicas / 1, through the gateway" "${FIG[gateway.replicas_gw]} of the throughput, p99 ${FIG[gateway.replicas_gw_p99]} times ($(nproc) cores shared by both replicas, both gateways, wrk and PostgreSQL)")"
    report "$(printf '  %-44s %s' "" "6 requests before the load: ${FIG[gateway.replicas.spread]} answered by the two replicas (their metrics)")"
    if [ "$rounds" -gt 1 ]; then
        for ((r = 1; r <= rounds; r++)); do
            report "$(printf '  %-44s %s' "  round $r" "gateway/direct ${FIG[gateway.r$r.gw_direct]}, nginx/direct ${FIG[gateway.r$r.nginx_direct]}, gateway/nginx ${FIG[gateway.r$r.gw_nginx]}, replicas/1 ${FIG[gateway.r$r.replicas_gw]}")"
        done
    fi
    report "$(printf '  %-44s %s' "gateway: java $(java_opts_text)" "/q/health/live after ${FIG[gateway.start_s]} s (Quarkus: \"${FIG[gateway.quarkus_started]}\")")"
    report "$(printf '  %-44s %s' "" "readiness ${FIG[gateway.ready_status]} (project, training at closed ports ${FIG[gateway.down_ports]}); proxying 200")"
    report "$(printf '  %-44s %s' "" "rate limit ${FIG[gateway.rate_limit]}")"
    report "$(printf '  %-44s %s' "nginx: ${FIG[nginx.version]}" "worker_processes $BENCH_NGINX_WORKERS, upstream keepalive 64, HTTP/1.1, access_log off")"
    report "$(printf '  %-44s %s' "resident memory after the load (VmRSS)" "gateway ${FIG[gateway.rss_mb]} MB (peak ${FIG[gateway.hwm_mb]} MB), nginx ${FIG[nginx.rss_mb]} MB (master and workers)")"
    for ((r = 1; r <= rounds; r++)); do
        for path in "${GATEWAY_PATHS[@]}"; do
            report_wrk_warnings "gateway.$path.r$r"
        done
    done
    report ""
    report "  where the CPU went: average cores busy in partner-service, the proxy (the gateway or nginx), PostgreSQL,"
    report "  wrk and everything else; partner-service's and the proxy's CPU ms per request; SQL statements per request"
    report "$(printf '  %-44s %7s %7s %7s %7s %7s %10s %10s %8s' '' partner proxy pg load other 'partner ms' 'proxy ms' 'sql/req')"
    for ((r = 1; r <= rounds; r++)); do
        for path in "${GATEWAY_PATHS[@]}"; do
            key=gateway.$path.r$r
            label=${GATEWAY_LABEL[$path]}
            [ "$rounds" -gt 1 ] && label="$label, round $r"
            report "$(printf '  %-44s %7s %7s %7s %7s %7s %10s %10s %8s' "$label" "${FIG[$key.partner_cores]}" \
                "${FIG[$key.proxy_cores]}" "${FIG[$key.cpu_pg]}" "${FIG[$key.cpu_gen]}" "${FIG[$key.cpu_other]}" \
                "${FIG[$key.partner_ms]}" "${FIG[$key.proxy_ms]}" "${FIG[$key.sql_per_req]:--}")"
        done
    done
    report ""
    local rows=()
    for ((r = 1; r <= rounds; r++)); do
        label="the gateway"
        [ "$rounds" -gt 1 ] && label="$label, round $r"
        rows+=("gateway.gateway.r$r" "$label" "gateway.replicas.r$r" "$label, 2 partner replicas")
    done
    report_threads "${rows[@]}"
    report ""
}
