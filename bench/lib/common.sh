# Shared machinery of bench/run: tools, the throwaway PostgreSQL cluster, services, wrk
# measurements with CPU accounting, pgbench, and the report. Sourced by bench/run; each
# service section (lib/<service>.sh) uses only the functions below.

: "${BENCH_WARMUP:=60}"        # seconds of load on each endpoint before measuring it (JIT warm-up)
: "${BENCH_DURATION:=30}"      # seconds each measurement lasts
: "${BENCH_WRK_THREADS:=2}"
: "${BENCH_PG_PORT:=55439}"
: "${BENCH_WORK:=/tmp/aic-bench}"   # cluster, keys, id files, logs of this run; wiped at start
: "${BENCH_KEEP:=0}"            # 1 keeps the cluster and work files after the run
: "${BENCH_MANAGEMENT_OFFSET:=1000}"   # each service's management interface (metrics, detailed health): its port + this
# How the services' JVMs run, as deployed (the images, ./aic up): the options of runtime/jvm.options,
# which java reads itself as an argument file, and the native environment of runtime/jvm.env.
: "${BENCH_JAVA_OPTS:=@$ROOT/runtime/jvm.options}"
SERVICE_ENV=()
while IFS= read -r line; do
    case "$line" in ''|'#'*) ;; *) SERVICE_ENV+=("$line") ;; esac
done <"$ROOT/runtime/jvm.env"
# The options as text for the report: the argument file's lines in place of its name.
java_opts_text() {
    local opt out=()
    for opt in $BENCH_JAVA_OPTS; do
        if [ "${opt#@}" != "$opt" ]; then
            out+=("$(grep -v '^#' "${opt#@}" | tr '\n' ' ' | sed 's/ *$//')")
        else
            out+=("$opt")
        fi
    done
    echo "${out[*]}"
}
: "${BENCH_CDS:=1}"             # 1: each service's first start writes a class-data archive (AOT cache on JDK 25+) its later starts map
# BENCH_JAVA: the java the services run on; by default the launcher's choice (./aic java: AIC_JAVA_HOME,
# else the newest JDK 25+ in /usr/lib/jvm, else the java on PATH), set by bench_java.
: "${BENCH_STOP_PATIENCE:=40}"   # seconds a service may take to stop (a training run writes its AOT cache then) before SIGKILL
: "${BENCH_PROFILE:=0}"         # 1 records each measurement with JFR (jcmd) and summarises where time went

RESULTS_DIR="$BENCH_DIR/results"
LUA_DIR="$BENCH_DIR/lua"
HZ=$(getconf CLK_TCK)
NPROC=$(nproc)
STAMP=$(date +%Y%m%d-%H%M%S)

declare -A SVC_PID=()     # service name -> pid of its java process
declare -A SVC_DB=()      # service name -> its database, for the SQL statements per request
declare -A FIG=()         # figures for the report, e.g. FIG[partner.100k.get.rps]
declare -A CPU_EXTRA=()   # name -> pids of other processes each measurement also accounts (cpu_mark)
CLEANUP_HOOKS=()          # functions bench_cleanup calls first, e.g. to stop a non-Java process a section started
REPORT_LINES=()           # the report body, printed and saved at the end

log() { printf '%s bench: %s\n' "$(date +%H:%M:%S)" "$*" >&2; printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >>"$RAW_LOG"; }
die() { log "FAILED: $*"; exit 1; }
report() { REPORT_LINES+=("$*"); }

# ---------------------------------------------------------------- setup and teardown

bench_init() {
    mkdir -p "$RESULTS_DIR"
    RAW_LOG="$RESULTS_DIR/run-$STAMP.log"
    : >"$RAW_LOG"
    # One run at a time: two runs would fight over ports and CPU and both measure nonsense.
    exec 9>/tmp/aic-bench.lock
    flock -n 9 || die "another bench/run is running (lock /tmp/aic-bench.lock)"
    trap bench_cleanup EXIT
    trap 'exit 130' INT TERM
    # a cluster kept by an earlier BENCH_KEEP=1 run may still be running there
    if [ -f "$BENCH_WORK/pg/postmaster.pid" ]; then
        runuser -u postgres -- "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/pg_ctl" -D "$BENCH_WORK/pg" -m fast -w stop \
            >>"$RAW_LOG" 2>&1 || true
    fi
    rm -rf "$BENCH_WORK"
    mkdir -p "$BENCH_WORK"
    install_tools
    bench_java
    LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
    log "work dir $BENCH_WORK, raw log $RAW_LOG, load average at start $LOAD_AT_START"
}

bench_cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    local name hook
    for hook in "${CLEANUP_HOOKS[@]}"; do
        "$hook" || true
    done
    for name in "${!SVC_PID[@]}"; do
        service_stop "$name"
    done
    pg_stop
    if [ "$BENCH_KEEP" != 1 ]; then
        rm -rf "$BENCH_WORK"
    fi
    [ $rc -ne 0 ] && log "stopped with exit code $rc; see $RAW_LOG"
    exit $rc
}

# wrk, PostgreSQL server with contrib (pg_trgm) and pgbench, curl; apt-get only for what is missing.
install_tools() {
    local missing=()
    command -v wrk >/dev/null || missing+=(wrk)
    command -v curl >/dev/null || missing+=(curl)
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ] || [ ! -x "$PG_BIN/pgbench" ]; then
        missing+=(postgresql postgresql-contrib)
    elif ! ls /usr/share/postgresql/"$(basename "$(dirname "$PG_BIN")")"/extension/pg_trgm.control >/dev/null 2>&1; then
        missing+=(postgresql-contrib)
    fi
    if [ ${#missing[@]} -gt 0 ]; then
        log "installing ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y "${missing[@]}" >>"$RAW_LOG" 2>&1 \
            || { apt-get update >>"$RAW_LOG" 2>&1 && apt-get install -y "${missing[@]}" >>"$RAW_LOG" 2>&1; } \
            || die "apt-get install ${missing[*]} failed"
        PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    fi
    command -v java >/dev/null || die "java (17) is not on PATH"
    id postgres >/dev/null 2>&1 || die "no 'postgres' OS user to run initdb as (the postgresql package makes it)"
}

# bench_java: BENCH_JAVA (the launcher's choice unless given) and BENCH_JAVA_FEATURE (its release, 17, 25, ...).
bench_java() {
    if [ -z "${BENCH_JAVA:-}" ]; then
        build_if_stale "$ROOT/local/target/local.jar" local
        BENCH_JAVA=$(java -Daic.root="$ROOT" -jar "$ROOT/local/target/local.jar" java) || die "./aic java failed"
    fi
    BENCH_JAVA_FEATURE=$(java_feature "$BENCH_JAVA")
    log "the services run on $("$BENCH_JAVA" -version 2>&1 | head -n 1) ($BENCH_JAVA)"
}

# java_feature JAVA: the JDK's feature release (17, 25), from its release file.
java_feature() {
    sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9]*\).*/\1/p' "$(dirname "$(dirname "$(readlink -f "$(command -v "$1")")")")/release"
}

# ---------------------------------------------------------------- PostgreSQL

pg_start() {
    PGDATA="$BENCH_WORK/pg"
    local socket_dir="$BENCH_WORK/pg-socket"
    if port_in_use "$BENCH_PG_PORT"; then
        die "port $BENCH_PG_PORT is taken; set BENCH_PG_PORT"
    fi
    mkdir -p "$socket_dir" "$PGDATA"
    touch "$BENCH_WORK/postgres.log"
    chown postgres: "$socket_dir" "$PGDATA" "$BENCH_WORK/postgres.log"
    chmod 700 "$PGDATA"
    chmod 755 "$BENCH_WORK"
    # initdb refuses to run as root. C.UTF-8 and not C: under the C ctype pg_trgm sees no
    # word characters in Chinese text, so the trigram indexes could not serve a Chinese `q`.
    runuser -u postgres -- "$PG_BIN/initdb" -D "$PGDATA" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
        >>"$RAW_LOG" 2>&1 || die "initdb failed"
    cat >>"$PGDATA/postgresql.conf" <<EOF
# bench/run: a modest tuning, close to what a small production server would get
listen_addresses = 'localhost'
port = $BENCH_PG_PORT
unix_socket_directories = '$socket_dir'
max_connections = 200
shared_buffers = 256MB
effective_cache_size = 2GB
work_mem = 8MB
maintenance_work_mem = 256MB
# counts the SQL statements each request costs (a few per cent of PostgreSQL's CPU)
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = top
EOF
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$BENCH_WORK/postgres.log" -w -t 60 start \
        >>"$RAW_LOG" 2>&1 || die "PostgreSQL did not start; see $BENCH_WORK/postgres.log"
    PG_STARTED=1
    psql_db postgres -c 'create extension pg_stat_statements' || die "no pg_stat_statements"
    PG_VERSION=$(psql_db postgres -c 'show server_version')
    log "PostgreSQL $PG_VERSION up on port $BENCH_PG_PORT ($PGDATA)"
}

pg_stop() {
    if [ "${PG_STARTED:-0}" = 1 ]; then
        runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >>"$RAW_LOG" 2>&1 || true
        PG_STARTED=0
        log "PostgreSQL stopped"
    fi
}

# psql_db DB [psql args...]: quiet, unaligned, stops on the first error.
psql_db() {
    local db=$1
    shift
    "$PG_BIN/psql" -X -q -At -v ON_ERROR_STOP=1 -h localhost -p "$BENCH_PG_PORT" -U postgres -d "$db" "$@"
}

pg_create_db() {
    psql_db postgres -c "create database $1" || die "cannot create database $1"
}

pg_postmaster_pid() {
    head -n 1 "$PGDATA/postmaster.pid"
}

# ---------------------------------------------------------------- services

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# service_start NAME JAR PORT [VAR=value...]: starts the jar with the env given (its management
# interface, metrics and detailed health, on PORT + BENCH_MANAGEMENT_OFFSET (1000) of the loopback interface), waits for
# the first 200 of /q/health/ready, and sets FIG[NAME.start_s] (process start -> ready) and
# FIG[NAME.quarkus_started] (Quarkus's own "started in" line). SVC_HEALTH=/q/health/live in
# the caller's environment waits for that path instead (the gateway is not ready while services
# it fronts are down, yet proxies to the ones that are up); SVC_JAVA=... runs it on another java
# than BENCH_JAVA (the jvm section's JDK 17).
service_start() {
    local name=$1 jar=$2 port=$3 health=${SVC_HEALTH:-/q/health/ready}
    shift 3
    local log_file="$BENCH_WORK/$name.log"
    if port_in_use "$port"; then
        die "port $port is taken; cannot start $name there"
    fi
    if port_in_use $((port + BENCH_MANAGEMENT_OFFSET)); then
        die "port $((port + BENCH_MANAGEMENT_OFFSET)) is taken; cannot start $name's management interface there"
    fi
    local t0 t1 pid cds java=${SVC_JAVA:-$BENCH_JAVA}
    cds=$(cds_option "$jar" "$java")
    t0=$(date +%s%N)
    # shellcheck disable=SC2086
    env "${SERVICE_ENV[@]}" "$@" QUARKUS_HTTP_PORT="$port" \
        QUARKUS_MANAGEMENT_PORT=$((port + BENCH_MANAGEMENT_OFFSET)) QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
        "$java" $BENCH_JAVA_OPTS $cds -jar "$jar" >"$log_file" 2>&1 &
    pid=$!
    SVC_PID[$name]=$pid
    while true; do
        if curl -fs -o /dev/null --max-time 1 "http://127.0.0.1:$port$health"; then
            break
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            unset "SVC_PID[$name]"
            tail -n 30 "$log_file" >&2
            die "$name exited while starting; see $log_file"
        fi
        if [ $(($(date +%s%N) - t0)) -gt 120000000000 ]; then
            die "$name: no 200 from $health after 120 s; see $log_file"
        fi
        sleep 0.02
    done
    t1=$(date +%s%N)
    FIG[$name.start_s]=$(awk -v d=$((t1 - t0)) 'BEGIN { printf "%.2f", d / 1e9 }')
    FIG[$name.quarkus_started]=$(grep -o 'started in [0-9.]*s' "$log_file" | head -n 1 || true)
    log "$name (pid $pid) answered $health on port $port after ${FIG[$name.start_s]} s (Quarkus: ${FIG[$name.quarkus_started]:-no 'started in' line})"
}

# service_env VAR DB [VAR=value...]: the environment array VAR for a service on database DB of the
# bench's cluster, with the bench's token trust, and whatever else is given.
service_env() {
    local -n env_array=$1
    env_array=(QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$BENCH_PG_PORT/$2"
        QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=x
        "${TOKEN_TRUST[@]}" AIC_IDEMPOTENCY_BODY_KEY="$(idempotency_body_key)" "${@:3}")
}

# The key that seals the services' idempotency store: 32 random bytes of this run, in $BENCH_WORK/keys.
idempotency_body_key() {
    local file="$BENCH_WORK/keys/idempotency-body.key"
    if [ ! -s "$file" ]; then
        mkdir -p "$BENCH_WORK/keys"
        head -c 32 /dev/urandom | base64 >"$file"
    fi
    cat "$file"
}

# Whose tokens the services and the gateway trust: named, as a deployment must (no defaults); the
# issuer and audience LocalTokenIssuer (bench/Token.java) puts in its tokens.
token_trust() {
    TOKEN_TRUST=(JWT_PUBLIC_KEY_LOCATION="$(public_key_file)" JWT_ISSUER=aic-local JWT_AUDIENCE=aic-platform)
}

# migrate_schema NAME DB JAR PORT TABLE ENV...: creates database DB and lets the service make its
# schema (one start, as NAME-migrate, runs its Flyway migrations), then checks that TABLE is there.
migrate_schema() {
    local name=$1 db=$2 jar=$3 port=$4 table=$5
    shift 5
    pg_create_db "$db"
    SVC_DB[$name]=$db
    SVC_DB[$name-migrate]=$db
    service_start "$name-migrate" "$jar" "$port" "$@"
    service_stop "$name-migrate"
    [ "$(psql_db "$db" -c "select to_regclass('$table') is not null")" = t ] \
        || die "$name-service did not create the $table table"
}

# load_data NAME DB SQL_FILE COUNT [TABLE...]: runs bench/sql/SQL_FILE with -v count=COUNT, then VACUUM
# ANALYZE; FIG[NAME.load_s] is how long it took. The indexes of the TABLEs that no constraint needs
# are dropped first and made again after the rows (as a bulk load should: one sort per index instead
# of an index update per row; a unique one checks the generated rows when it is made).
load_data() {
    local name=$1 db=$2 file=$3 count=$4 t0=$SECONDS table
    shift 4
    local indexes="$BENCH_WORK/$db.indexes.sql"
    : >"$indexes"
    for table in "$@"; do
        # each index's definition, then the statistics targets a migration set on its columns (not part of it)
        psql_db "$db" -c "select pg_get_indexdef(indexrelid) || ';' || coalesce((select string_agg(format(
                                  ' alter index %s alter column %s set statistics %s;', indexrelid::regclass, a.attnum,
                                  a.attstattarget), '') from pg_attribute a where a.attrelid = i.indexrelid
                                  and a.attstattarget > 0), '')
                          from pg_index i where indrelid = '$table'::regclass
                          and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)" >>"$indexes"
        psql_db "$db" -c "select 'drop index ' || indexrelid::regclass || ';' from pg_index i where indrelid = '$table'::regclass
                          and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)" \
            | psql_db "$db" >>"$RAW_LOG" 2>&1 || die "dropping the indexes of $table failed"
    done
    psql_db "$db" -v count="$count" -f "$BENCH_DIR/sql/$file" >>"$RAW_LOG" 2>&1 \
        || die "loading $file failed; see $RAW_LOG"
    FIG[$name.rows_s]=$((SECONDS - t0))
    psql_db "$db" -c 'set maintenance_work_mem = '"'"'512MB'"'" -f "$indexes" >>"$RAW_LOG" 2>&1 \
        || die "making the indexes of $* again failed; see $RAW_LOG"
    FIG[$name.indexes_s]=$((SECONDS - t0 - FIG[$name.rows_s]))
    psql_db "$db" -c 'vacuum (analyze)' >>"$RAW_LOG" 2>&1 || die "vacuum analyze failed"
    FIG[$name.load_s]=$((SECONDS - t0))
}

# Percent-encodes every byte of a query value (Chinese text, spaces).
urlencode() {
    printf '%s' "$1" | od -An -tx1 -v | tr -d ' \n' | sed 's/../%&/g'
}

# cds_option JAR JAVA: with BENCH_CDS=1, the JVM option that makes this start map the jar's class
# data for that JDK, or, when there is none yet, write it when the process exits: a service's first
# start (the one that migrates) is then the training run its measured start uses, as ./aic up does.
# JDK 25 and later: an AOT cache (-XX:AOTCacheOutput, then -XX:AOTCache); before: an AppCDS archive
# (-XX:ArchiveClassesAtExit, then -XX:SharedArchiveFile).
cds_option() {
    [ "$BENCH_CDS" = 1 ] || return 0
    local feature archive
    feature=$(java_feature "$2")
    mkdir -p "$BENCH_WORK/cds"
    archive="$BENCH_WORK/cds/$(basename "$(dirname "$(dirname "$(dirname "$1")")")")-jdk$feature"
    if [ "$feature" -ge 25 ]; then
        [ -s "$archive.aot" ] && echo "-XX:AOTCache=$archive.aot" || echo "-XX:AOTCacheOutput=$archive.aot"
    else
        [ -s "$archive.jsa" ] && echo "-XX:SharedArchiveFile=$archive.jsa" || echo "-XX:ArchiveClassesAtExit=$archive.jsa"
    fi
}

# class_data_text JAVA: how a start on that java is sped up, for the report.
class_data_text() {
    [ "$BENCH_CDS" = 1 ] || { echo "no class-data archive"; return; }
    [ "$(java_feature "$1")" -ge 25 ] && echo "AOT cache from the service's first start" || echo "AppCDS archive from the service's first start"
}

# stop_pid PID NAME [PID...]: SIGTERM, up to BENCH_STOP_PATIENCE seconds to end, then SIGKILL to it
# and the other pids given (nginx's workers); reaps it.
stop_pid() {
    local pid=$1 name=$2
    shift 2
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        local i
        for i in $(seq 1 $((BENCH_STOP_PATIENCE * 10))); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$pid" 2>/dev/null; then
            log "$name (pid $pid) ignored SIGTERM for $BENCH_STOP_PATIENCE s; killing it${*:+ and $*}"
            kill -KILL "$pid" "$@" 2>/dev/null || true
        fi
    fi
    wait "$pid" 2>/dev/null || true
}

service_stop() {
    local name=$1 pid=${SVC_PID[$1]:-}
    [ -z "$pid" ] && return 0
    stop_pid "$pid" "$name"
    unset "SVC_PID[$name]"
    cp "$BENCH_WORK/$name.log" "${RAW_LOG%.log}.$name.log" 2>/dev/null || true
    log "$name stopped"
}

# Resident memory of a service, in MB, from /proc/<pid>/status (VmRSS, and VmHWM as the peak).
service_memory() {
    local name=$1 pid=${SVC_PID[$1]}
    FIG[$name.rss_mb]=$(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
    FIG[$name.hwm_mb]=$(awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
}

# bench_tokens: makes one bearer token per role, once per run, as AUTH[role]
# ("Authorization: Bearer ..."), signed by the project's own LocalTokenIssuer (bench/Token.java)
# with the key pair in $BENCH_WORK/keys, whose public key the services get as
# JWT_PUBLIC_KEY_LOCATION (public_key_file). The signer and Jackson come from the launcher's
# libraries (local/target/lib), built when missing.
declare -A AUTH=()
ROLES=(admin partner-manager project-manager training-coordinator viewer integrator)

bench_tokens() {
    [ ${#AUTH[@]} -gt 0 ] && return 0
    local tokens i lib="$ROOT/local/target/lib"
    build_if_stale "$lib/platform-tokens-1.0.0-SNAPSHOT.jar" local
    tokens=$(java -cp "$lib/*" "$BENCH_DIR/Token.java" "$BENCH_WORK/keys" "${ROLES[@]}") || die "cannot make tokens"
    mapfile -t tokens <<<"$tokens"
    for i in "${!ROLES[@]}"; do
        AUTH[${ROLES[$i]}]="Authorization: Bearer ${tokens[$i]}"
    done
}

public_key_file() { echo "$BENCH_WORK/keys/local-only-public-key.pem"; }
declare -a TOKEN_TRUST=()
token_trust

# build_if_stale JAR MODULE: builds a module (with the modules it uses) when its jar is not there or any source
# of it or of the platform modules, or a pom, is newer than the jar: a bench must measure the code as it is.
build_if_stale() {
    local jar=$1 module=$2 newer=""
    if [ -f "$jar" ]; then
        newer=$(cd "$ROOT" && find pom.xml "$module/pom.xml" "$module/src/main" platform-*/pom.xml platform-*/src/main \
            -newer "$jar" -type f -print -quit 2>/dev/null)
        [ -z "$newer" ] && return 0
        log "building $module ($newer is newer than $jar)"
    else
        log "building $module (no $jar)"
    fi
    (cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl "$module" -am) >>"$RAW_LOG" 2>&1 \
        || die "building $module failed; see $RAW_LOG"
    touch "$jar"
}

# ---------------------------------------------------------------- CPU accounting

# Jiffies (1/HZ s) of CPU used by a process: utime+stime (all its threads).
proc_jiffies() {
    # fields after the ") " that ends the command name: utime is the 12th, stime the 13th
    sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | awk '{ t += $12 + $13 } END { print t + 0 }'
}

# All of our PostgreSQL's CPU: the postmaster with the children it reaped (cutime, cstime: the
# backends of connections already closed), and its live children.
pg_jiffies() {
    local pm
    pm=$(pg_postmaster_pid)
    # children may exit between ps and cat: cat skips those, the postmaster's cutime then has them
    { cat "/proc/$pm/stat" $(ps -o pid= --ppid "$pm" | sed 's|^ *\(.*\)$|/proc/\1/stat|') 2>/dev/null || true; } \
        | sed 's/^.*) //' | awk 'NR == 1 { t += $14 + $15 } { t += $12 + $13 } END { print t + 0 }'
}

# A service's jiffies by thread group: "workers event-loop jit gc other" (request worker threads,
# Vert.x event loops, JIT compilers, GC and VM thread, the rest). Threads that ended are not counted.
thread_jiffies() {
    { cat /proc/"$1"/task/*/stat 2>/dev/null || true; } | awk '{
        l = index($0, "("); match($0, /\) [A-Za-z] /)
        name = substr($0, l + 1, RSTART - l - 1)
        split(substr($0, RSTART + 2), f, " ")
        j = f[12] + f[13]
        if (name ~ /^executor-thread/) w += j
        else if (name ~ /^vert\.x-eventloo/) e += j
        else if (name ~ /Compiler/) c += j
        else if (name ~ /^VM Thread|^GC |^G1 |^Serial/) g += j
        else o += j
    } END { printf "%d %d %d %d %d\n", w, e, c, g, o }'
}

# Jiffies of several processes together (each process alone: its threads, not its children).
pids_jiffies() {
    local pid t=0
    for pid in "$@"; do
        t=$((t + $(proc_jiffies "$pid")))
    done
    echo "$t"
}

# Jiffies of the whole machine (all cores): busy ones and all of them, from /proc/stat.
machine_jiffies() {
    awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, busy + $5 + $6 }' /proc/stat
}

# CPU seconds (user+sys) of this shell's reaped children: wrk and pgbench are reaped when they
# finish. Sets CHILD_CPU; `times` must run in this shell, not in a $(...) subshell.
children_cpu_seconds() {
    times >"$BENCH_WORK/times"
    CHILD_CPU=$(tail -n 1 "$BENCH_WORK/times" | awk '{ split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.2f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }')
}

# cpu_mark [SERVICE]: remembers the counters. cpu_since KEY REQUESTS [SERVICE]: stores, for the
# time since the mark, the average cores busy in the service, PostgreSQL, the load generator
# (wrk or pgbench) and everything else on the machine ('other': other users' work), and the
# service's and PostgreSQL's CPU milliseconds per request. The interval is the machine's own
# jiffies, so the time the snapshots take is on both sides of the division.
# CPU_EXTRA[NAME]="PID..." (set by the caller around a measurement) also stores the cores busy
# in those processes and their CPU ms per request as FIG[KEY.cpu_NAME] and FIG[KEY.ms_NAME]
# (e.g. the service behind a proxy, or nginx's processes); they are then not in 'other'.
declare -A CPU_MARK_EXTRA=()
cpu_mark() {
    local extra
    CPU_MARK_EXTRA=()
    for extra in "${!CPU_EXTRA[@]}"; do
        # shellcheck disable=SC2086
        CPU_MARK_EXTRA[$extra]=$(pids_jiffies ${CPU_EXTRA[$extra]})
    done
    CPU_MARK_SVC=0
    CPU_MARK_THREADS="0 0 0 0 0"
    if [ -n "${1:-}" ]; then
        CPU_MARK_SVC=$(proc_jiffies "${SVC_PID[$1]}")
        CPU_MARK_THREADS=$(thread_jiffies "${SVC_PID[$1]}")
    fi
    CPU_MARK_PG=$(pg_jiffies)
    children_cpu_seconds
    CPU_MARK_CHILD=$CHILD_CPU
    read -r CPU_MARK_BUSY CPU_MARK_ALL < <(machine_jiffies)
}

cpu_since() {
    local key=$1 requests=$2 svc=${3:-}
    local busy all d_svc=0 d_pg d_extra=0 extra d
    read -r busy all < <(machine_jiffies)
    children_cpu_seconds
    d_pg=$(($(pg_jiffies) - CPU_MARK_PG))
    for extra in "${!CPU_EXTRA[@]}"; do
        # shellcheck disable=SC2086
        d=$(($(pids_jiffies ${CPU_EXTRA[$extra]}) - CPU_MARK_EXTRA[$extra]))
        d_extra=$((d_extra + d))
        read -r "FIG[$key.cpu_$extra]" "FIG[$key.ms_$extra]" < <(awk -v x="$d" -v w="$(( (all - CPU_MARK_ALL) / NPROC ))" \
            -v n="$requests" -v hz="$HZ" 'BEGIN { if (w <= 0) w = 1; printf "%.2f %.3f\n", x / w, (n > 0 ? x * 1000 / hz / n : 0) }')
    done
    if [ -n "$svc" ]; then
        d_svc=$(($(proc_jiffies "${SVC_PID[$svc]}") - CPU_MARK_SVC))
        FIG[$key.threads]=$(awk -v a="$CPU_MARK_THREADS" -v b="$(thread_jiffies "${SVC_PID[$svc]}")" 'BEGIN {
            split(a, x, " "); split(b, y, " ")
            for (i = 1; i <= 5; i++) { d[i] = y[i] - x[i]; if (d[i] < 0) d[i] = 0; t += d[i] }
            if (t == 0) t = 1
            printf "%.0f %.0f %.0f %.0f %.0f", 100 * d[1] / t, 100 * d[2] / t, 100 * d[3] / t, 100 * d[4] / t, 100 * d[5] / t }')
    fi
    read -r "FIG[$key.cpu_svc]" "FIG[$key.cpu_pg]" "FIG[$key.cpu_gen]" "FIG[$key.cpu_other]" "FIG[$key.ms_svc]" "FIG[$key.ms_pg]" < <(
        awk -v s="$d_svc" -v p="$d_pg" -v x="$d_extra" -v g0="$CPU_MARK_CHILD" -v g1="$CHILD_CPU" -v b="$((busy - CPU_MARK_BUSY))" \
            -v w="$(( (all - CPU_MARK_ALL) / NPROC ))" -v n="$requests" -v hz="$HZ" 'BEGIN {
            g = (g1 - g0) * hz
            o = b - s - p - g - x; if (o < 0) o = 0
            if (w <= 0) w = 1
            printf "%.2f %.2f %.2f %.2f %.3f %.3f\n", s / w, p / w, g / w, o / w,
                (n > 0 ? s * 1000 / hz / n : 0), (n > 0 ? p * 1000 / hz / n : 0) }')
}

# ---------------------------------------------------------------- wrk

# wrk_measure KEY SERVICE CONNS LUA_SCRIPT URL [-H header]... [-- lua args...]
# Warms with BENCH_WARMUP seconds of the same load, then measures BENCH_DURATION seconds with
# --latency. Stores FIG[KEY.rps|p50_ms|p99_ms|non2xx|socket_errors|requests] and the CPU split.
# The Lua script ends by printing one "BENCH ..." line (lua/common.lua) that is parsed here;
# wrk's own output goes to the raw log.
wrk_measure() {
    local key=$1 svc=$2
    shift 2
    wrk_warmup "$key" "$@"
    wrk_run "$key" "$svc" "$@"
}

# wrk_warmup KEY CONNS LUA_SCRIPT URL [args...]: BENCH_WARMUP seconds of the load, not measured.
wrk_warmup() {
    local key=$1 conns=$2 script=$3 url=$4
    shift 4
    [ "$BENCH_WARMUP" -gt 0 ] || return 0
    local threads=$BENCH_WRK_THREADS
    [ "$conns" -lt "$threads" ] && threads=$conns
    local out="$BENCH_WORK/wrk-$key.out"
    log "$key: warming up ${BENCH_WARMUP}s at $conns connections"
    BENCH_LUA="$LUA_DIR" BENCH_PHASE=${WRK_WARMUP_PHASE:-w} wrk -t "$threads" -c "$conns" -d "${BENCH_WARMUP}s" --timeout 10s \
        -s "$LUA_DIR/$script" "$url" "$@" >"$out.warmup" 2>&1 || { cat "$out.warmup" >&2; die "wrk failed in $key warm-up"; }
    { echo "== $key warm-up"; cat "$out.warmup"; } >>"$RAW_LOG"
}

# wrk_run KEY SERVICE CONNS LUA_SCRIPT URL [args...]: the measurement alone (wrk_measure without
# the warm-up), for sections that warm several targets up before measuring any of them.
wrk_run() {
    local key=$1 svc=$2 conns=$3 script=$4 url=$5
    shift 5
    local threads=$BENCH_WRK_THREADS
    [ "$conns" -lt "$threads" ] && threads=$conns
    local out="$BENCH_WORK/wrk-$key.out"
    log "$key: measuring ${BENCH_DURATION}s at $conns connections"
    profile_start "$svc"
    sql_mark
    cpu_mark "$svc"
    BENCH_LUA="$LUA_DIR" BENCH_PHASE=${WRK_PHASE:-m} wrk -t "$threads" -c "$conns" -d "${BENCH_DURATION}s" --timeout 10s --latency \
        -s "$LUA_DIR/$script" "$url" "$@" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed in $key"; }
    local requests
    requests=$(grep -o '^BENCH requests=[0-9]*' "$out" | cut -d= -f2)
    cpu_since "$key" "$requests" "$svc"
    sql_since "$key" "$requests" "${SVC_DB[$svc]}"
    profile_stop "$svc" "$key"
    { echo "== $key"; cat "$out"; } >>"$RAW_LOG"
    local line
    line=$(grep '^BENCH ' "$out") || die "no BENCH line in wrk's output for $key"
    local kv k v
    for kv in ${line#BENCH }; do
        k=${kv%%=*}
        v=${kv#*=}
        FIG[$key.$k]=$v
    done
    FIG[$key.conns]=$conns
    log "$key: ${FIG[$key.rps]} req/s, p50 ${FIG[$key.p50_ms]} ms, p99 ${FIG[$key.p99_ms]} ms, non-2xx ${FIG[$key.non2xx]}, socket errors ${FIG[$key.socket_errors]}"
}

# sql_mark: forgets the statement statistics. sql_since KEY REQUESTS DB: stores the statements
# per request and their execution ms per request in DB, and writes the top statements to the raw log.
sql_mark() {
    psql_db postgres -c 'select pg_stat_statements_reset()' >/dev/null
}

sql_since() {
    local key=$1 requests=$2 db=$3
    read -r "FIG[$key.sql_per_req]" "FIG[$key.sql_ms_per_req]" < <(psql_db postgres -F ' ' -c "
        select round(coalesce(sum(calls), 0)::numeric / greatest($requests, 1), 2),
               round(coalesce(sum(total_exec_time), 0)::numeric / greatest($requests, 1), 3)
        from pg_stat_statements s join pg_database d on d.oid = s.dbid where d.datname = '$db'")
    {
        echo "== $key: SQL statements by total time (calls, mean ms, rows per call, statement)"
        psql_db postgres -F ' | ' -c "
            select calls, round(mean_exec_time::numeric, 3), round(rows::numeric / greatest(calls, 1), 1),
                   left(regexp_replace(query, '\s+', ' ', 'g'), 400)
            from pg_stat_statements s join pg_database d on d.oid = s.dbid where d.datname = '$db'
            order by total_exec_time desc limit 8"
    } >>"$RAW_LOG"
}

# With BENCH_PROFILE=1, a JFR recording (profile settings) of the service during one measurement,
# summarised into results/run-<stamp>.profile.txt by lib/jfr-summary.awk. jcmd runs outside the
# measured interval; the recording itself costs the service a little.
profile_start() {
    [ "$BENCH_PROFILE" = 1 ] || return 0
    jcmd "${SVC_PID[$1]}" JFR.start name=bench settings=profile >>"$RAW_LOG" 2>&1 || die "jcmd JFR.start failed"
}

profile_stop() {
    [ "$BENCH_PROFILE" = 1 ] || return 0
    local svc=$1 key=$2 jfr="$BENCH_WORK/$2.jfr"
    jcmd "${SVC_PID[$svc]}" JFR.stop name=bench filename="$jfr" >>"$RAW_LOG" 2>&1 || die "jcmd JFR.stop failed"
    {
        echo "== $key: ${FIG[$key.threads]:-} (service CPU % in workers, event loop, JIT, GC+VM, other threads)"
        jfr print --stack-depth 64 --events jdk.ExecutionSample "$jfr" | awk -f "$BENCH_DIR/lib/jfr-summary.awk"
        echo
    } >>"${RAW_LOG%.log}.profile.txt"
    [ "$BENCH_KEEP" = 1 ] && cp "$jfr" "$RESULTS_DIR/run-$STAMP.$key.jfr"
    return 0
}

# expect_status WANT METHOD URL [curl args...]: one request before the load, so a wrong status is
# caught with its body in the log (wrk only counts non-2xx answers).
expect_status() {
    local want=$1 method=$2 url=$3
    shift 3
    local body="$BENCH_WORK/check.body" got
    got=$(curl -s -o "$body" -w '%{http_code}' -X "$method" "$url" "$@") || got=000
    { echo "== $method $url -> $got"; head -c 2000 "$body"; echo; } >>"$RAW_LOG"
    [ "$got" = "$want" ] || { head -c 2000 "$body" >&2; echo >&2; die "$method $url answered $got, expected $want"; }
}

# ---------------------------------------------------------------- pgbench

# pgbench -S -M prepared at CONNS clients into its own database on the same server.
pgbench_baseline() {
    local conns=$1
    log "pgbench: initialising scale 10 in database pgbench"
    pg_create_db pgbench
    "$PG_BIN/pgbench" -i -q -s 10 -h localhost -p "$BENCH_PG_PORT" -U postgres pgbench >>"$RAW_LOG" 2>&1 \
        || die "pgbench -i failed"
    if [ "$BENCH_WARMUP" -gt 0 ]; then
        "$PG_BIN/pgbench" -S -M prepared -c "$conns" -j "$BENCH_WRK_THREADS" -T "$(( BENCH_WARMUP < 15 ? BENCH_WARMUP : 15 ))" \
            -h localhost -p "$BENCH_PG_PORT" -U postgres pgbench >>"$RAW_LOG" 2>&1 || die "pgbench warm-up failed"
    fi
    log "pgbench: measuring ${BENCH_DURATION}s select-only, prepared, $conns clients"
    local out="$BENCH_WORK/pgbench.out"
    cpu_mark
    "$PG_BIN/pgbench" -S -M prepared -c "$conns" -j "$BENCH_WRK_THREADS" -T "$BENCH_DURATION" \
        -h localhost -p "$BENCH_PG_PORT" -U postgres pgbench >"$out" 2>&1 || { cat "$out" >&2; die "pgbench failed"; }
    { echo "== pgbench"; cat "$out"; } >>"$RAW_LOG"
    FIG[pgbench.tps]=$(awk '/^tps = / { printf "%.1f", $3; exit }' "$out")
    FIG[pgbench.conns]=$conns
    local tx
    tx=$(awk '/number of transactions actually processed/ { split($NF, a, "/"); print a[1] }' "$out")
    FIG[pgbench.lat_ms]=$(awk '/^latency average/ { print $4 }' "$out")
    cpu_since pgbench "$tx"
    log "pgbench: ${FIG[pgbench.tps]} tps"
}

# ---------------------------------------------------------------- report

# median NUMBER...: their median.
median() {
    printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END {
        if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# ratio A B: A / B to two decimals (0 when B is 0).
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'
}

# verdict OK_EXPRESSION: "ok" or "MISSED" (awk evaluates the comparison).
verdict() {
    awk "BEGIN { exit !($1) }" && echo ok || echo MISSED
}

# One row of the endpoint table.
report_endpoint() {
    local key=$1 label=$2 target=${3:-}
    report "$(printf '  %-44s %5s %9s %8s %8s %7s   %s' "$label" "${FIG[$key.conns]}" "${FIG[$key.rps]}" \
        "${FIG[$key.p50_ms]}" "${FIG[$key.p99_ms]}" "${FIG[$key.non2xx]}" "$target")"
}

report_cpu_row() {
    local key=$1 label=$2
    report "$(printf '  %-44s %7s %7s %7s %7s %10s %10s %8s %8s' "$label" "${FIG[$key.cpu_svc]}" "${FIG[$key.cpu_pg]}" \
        "${FIG[$key.cpu_gen]}" "${FIG[$key.cpu_other]}" "${FIG[$key.ms_svc]}" "${FIG[$key.ms_pg]}" \
        "${FIG[$key.sql_per_req]:--}" "${FIG[$key.sql_ms_per_req]:--}")"
}

report_endpoint_header() {
    report "$(printf '  %-44s %5s %9s %8s %8s %7s   %s' endpoint conns 'req/s' 'p50 ms' 'p99 ms' non-2xx target)"
}

# report_pgbench: the baseline's row of an endpoint table.
report_pgbench() {
    report "$(printf '  %-44s %s' "pgbench -S -M prepared" "${FIG[pgbench.conns]} clients: ${FIG[pgbench.tps]} tps (average latency ${FIG[pgbench.lat_ms]} ms)")"
}

# report_start_and_memory NAME: a service's start (and its first, migrating start, NAME-migrate)
# and its resident memory after the load, each against its target.
report_start_and_memory() {
    local name=$1
    report "$(printf '  %-44s %s' "start: process -> first 200 of /q/health/ready" \
        "${FIG[$name.start_s]} s (Quarkus: \"${FIG[$name.quarkus_started]}\"); target < 1.5 s: $(verdict "${FIG[$name.start_s]} < 1.5")")"
    report "$(printf '  %-44s %s' "  first start, with Flyway migrating" "${FIG[$name-migrate.start_s]} s (Quarkus: \"${FIG[$name-migrate.quarkus_started]}\")")"
    report "$(printf '  %-44s %s' "resident memory after the load (VmRSS)" \
        "${FIG[$name.rss_mb]} MB, peak ${FIG[$name.hwm_mb]} MB; target < 200 MB: $(verdict "${FIG[$name.rss_mb]} < 200")")"
}

# report_wrk_warnings KEY...: a warning line for each measurement that had a non-2xx answer or a socket error.
report_wrk_warnings() {
    local key
    for key in "$@"; do
        if [ "${FIG[$key.non2xx]}" != 0 ] || [ "${FIG[$key.socket_errors]}" != 0 ]; then
            report "  WARNING: $key had ${FIG[$key.non2xx]} non-2xx answers and ${FIG[$key.socket_errors]} socket errors (see the raw log)"
        fi
    done
}

# The service's CPU by thread group, for the endpoints given.
report_threads() {
    report "  the service's CPU by thread: % in request workers, Vert.x event loops, JIT compilers, GC and VM thread, other"
    report "$(printf '  %-44s %7s %7s %7s %7s %7s' '' workers 'ev.loop' JIT 'GC+VM' other)"
    local key label
    while [ $# -gt 0 ]; do
        key=$1 label=$2
        shift 2
        # shellcheck disable=SC2086
        report "$(printf '  %-44s %7s %7s %7s %7s %7s' "$label" ${FIG[$key.threads]})"
    done
}

report_cpu_header() {
    report "  where the CPU went: average cores busy during each measurement ($NPROC cores in all; 'load' is"
    report "  wrk or pgbench, 'other' is everything else on the machine), CPU ms per request, SQL statements"
    report "  per request and their execution ms per request (pg_stat_statements)"
    report "$(printf '  %-44s %7s %7s %7s %7s %10s %10s %8s %8s' '' service pg load other 'svc ms/req' 'pg ms/req' 'sql/req' 'sql ms')"
}

report_finish() {
    local file="$RESULTS_DIR/${REPORT_NAME:-bench}-$STAMP.txt"
    {
        echo "AI Innovation Center benchmark, $(date '+%Y-%m-%d %H:%M %Z')"
        echo "machine: $NPROC cores (nproc), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM," \
            "load average at start $LOAD_AT_START, at end $(cut -d' ' -f1-3 /proc/loadavg)"
        echo "PostgreSQL $PG_VERSION (own cluster, port $BENCH_PG_PORT, shared_buffers 256MB), services on $("$BENCH_JAVA" -version 2>&1 | head -n 1)," \
            "$(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)"
        echo "warm-up ${BENCH_WARMUP}s per endpoint, measurement ${BENCH_DURATION}s, wrk $BENCH_WRK_THREADS threads," \
            "services run with: ${SERVICE_ENV[*]} java $(java_opts_text), $(class_data_text "$BENCH_JAVA")"
        if [ "$BENCH_PROFILE" = 1 ]; then
            echo "PROFILING (BENCH_PROFILE=1): JFR recorded every measurement, so the figures are a little low;" \
                "summaries in ${RAW_LOG%.log}.profile.txt"
        fi
        echo
        printf '%s\n' "${REPORT_LINES[@]}"
    } | tee "$file"
    log "report saved as $file (raw output: $RAW_LOG)"
}
