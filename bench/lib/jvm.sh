# jvm section of bench/run: how partner-service starts and runs on each JDK, and what the token
# cache gives, side by side in one run on the same database (the first size of BENCH_PARTNERS):
#   jdk17    JDK 17 with the AppCDS archive of its first start (how it ran before JDK 25),
#   jdk25    JDK 25 with the AOT cache of its first start (the default where JDK 25 is installed),
#   c1       the same with the C1 compiler only (-XX:TieredStopAtLevel=1): what the start and the memory
#            gain and the throughput loses without C2,
#   nocache  JDK 25 with the AOT cache and the verified-token cache off (aic.security.token-cache.enabled=false).
# Each JDK's first start writes its archive or cache (a training run: it also migrates nothing, the
# schema is there); then BENCH_JVM_STARTS starts of each in JVM_TIMED, one at a time on a quiet machine, measure
# process start -> first 200 of /q/health/ready (median). Then the four run at once on their own
# ports, are warmed up BENCH_WARMUP seconds each, and GET by id (random ids, 32 connections, viewer
# token) is measured on each back to back, BENCH_DURATION seconds; resident memory after the load.

: "${BENCH_JVM_STARTS:=3}"
: "${BENCH_JVM_PORT:=18094}"    # jdk17 on this port, jdk25 on +1, c1 on +2, nocache on +3 (management: + BENCH_MANAGEMENT_OFFSET)
: "${BENCH_JDK17:=}"            # the JDK 17 java (default: the newest JDK 17 in /usr/lib/jvm)
: "${BENCH_JDK25:=}"            # the JDK 25 java (default: BENCH_JAVA when it is 25 or later, else the newest in /usr/lib/jvm)

JVM_CONFIGS=(jdk17 jdk25 c1 nocache)
JVM_TIMED=(jdk17 jdk25 c1) # the configurations whose starts are timed (nocache starts as jdk25 does)
declare -A JVM_LABEL=([jdk17]="JDK 17 + AppCDS archive" [jdk25]="JDK 25 + AOT cache" [c1]="JDK 25 + AOT cache, C1 only"
    [nocache]="JDK 25 + AOT cache, token cache off")
declare -A JVM_JAVA=()
declare -A JVM_ENV=([jdk17]="" [jdk25]="" [c1]="" [nocache]="AIC_SECURITY_TOKEN_CACHE_ENABLED=false")
declare -A JVM_OPTS=([jdk17]="" [jdk25]="" [c1]="-XX:TieredStopAtLevel=1" [nocache]="")

# jvm_start CONFIG NAME PORT: partner-service as service NAME on PORT, with CONFIG's JDK, options and environment.
jvm_start() {
    local env=()
    [ -n "${JVM_ENV[$1]}" ] && env=("${JVM_ENV[$1]}")
    SVC_JAVA=${JVM_JAVA[$1]} BENCH_JAVA_OPTS="$BENCH_JAVA_OPTS ${JVM_OPTS[$1]}" partner_start "$2" "" "$3" "${env[@]}"
}

# jvm_find FEATURE: the newest installed JDK of that feature release, its bin/java.
jvm_find() {
    local home best=""
    for home in /usr/lib/jvm/*/; do
        [ -L "${home%/}" ] && continue
        [ -x "$home/bin/java" ] && [ "$(java_feature "$home/bin/java" 2>/dev/null)" = "$1" ] && best="$home/bin/java"
    done
    [ -z "$best" ] || readlink -f "$best"
}

jvm_measure() {
    JVM_JAVA[jdk17]=${BENCH_JDK17:-$(jvm_find 17)}
    if [ -z "$BENCH_JDK25" ]; then
        [ "$BENCH_JAVA_FEATURE" -ge 25 ] && BENCH_JDK25=$BENCH_JAVA || BENCH_JDK25=$(jvm_find 25)
    fi
    JVM_JAVA[jdk25]=$BENCH_JDK25 JVM_JAVA[c1]=$BENCH_JDK25 JVM_JAVA[nocache]=$BENCH_JDK25
    [ -n "${JVM_JAVA[jdk17]}" ] || die "the jvm section needs a JDK 17 (set BENCH_JDK17 to its bin/java)"
    [ -n "${JVM_JAVA[jdk25]}" ] || die "the jvm section needs a JDK 25 (install Temurin 25, or set BENCH_JDK25 to its bin/java)"
    partner_prepare
    local config i port starts
    # The training runs: each JDK's first start leaves its archive or cache as it stops.
    for config in jdk17 jdk25; do
        SVC_JAVA=${JVM_JAVA[$config]} partner_start "jvm-$config-train" "" "$BENCH_JVM_PORT"
        service_stop "jvm-$config-train"
    done
    for config in "${JVM_CONFIGS[@]}"; do
        FIG[jvm.$config.version]=$("${JVM_JAVA[$config]}" -version 2>&1 | head -n 1)
        FIG[jvm.$config.class_data]=$(cds_option "$PARTNER_JAR" "${JVM_JAVA[$config]}")
        case ${FIG[jvm.$config.class_data]} in
            *AtExit* | *Output*) die "$config: the training run left no archive (${FIG[jvm.$config.class_data]})" ;;
        esac
    done
    # The starts, one at a time.
    for config in "${JVM_TIMED[@]}"; do
        starts=()
        for ((i = 1; i <= BENCH_JVM_STARTS; i++)); do
            jvm_start "$config" "jvm-$config-s$i" "$BENCH_JVM_PORT"
            starts+=("${FIG[jvm-$config-s$i.start_s]}")
            FIG[jvm.$config.quarkus_started]=${FIG[jvm-$config-s$i.quarkus_started]}
            service_stop "jvm-$config-s$i"
        done
        FIG[jvm.$config.starts]="${starts[*]}"
        FIG[jvm.$config.start_s]=$(printf '%.2f' "$(median "${starts[@]}")")
        log "$config: starts ${starts[*]} s (median ${FIG[jvm.$config.start_s]} s)"
    done
    # The four at once, then GET by id on each in turn.
    local paths viewer=${AUTH[viewer]}
    paths=$(partner_get_paths)
    declare -gA JVM_URL=()
    i=0
    for config in "${JVM_CONFIGS[@]}"; do
        port=$((BENCH_JVM_PORT + i))
        i=$((i + 1))
        jvm_start "$config" "jvm-$config" "$port"
        JVM_URL[$config]="http://127.0.0.1:$port"
        expect_status 200 GET "${JVM_URL[$config]}$(head -n 1 "$paths")" -H "$viewer"
        expect_status 401 GET "${JVM_URL[$config]}$(head -n 1 "$paths")" -H "Authorization: Bearer not.a.token"
    done
    for config in "${JVM_CONFIGS[@]}"; do
        wrk_warmup "jvm.$config.get" 32 paths.lua "${JVM_URL[$config]}" -H "$viewer" -- "$paths"
    done
    for config in "${JVM_CONFIGS[@]}"; do
        wrk_run "jvm.$config.get" "jvm-$config" 32 paths.lua "${JVM_URL[$config]}" -H "$viewer" -- "$paths"
    done
    for config in "${JVM_CONFIGS[@]}"; do
        service_memory "jvm-$config"
        service_stop "jvm-$config"
    done
    FIG[jvm.start_ratio]=$(ratio "${FIG[jvm.jdk25.start_s]}" "${FIG[jvm.jdk17.start_s]}")
    FIG[jvm.get_ratio]=$(ratio "${FIG[jvm.jdk25.get.rps]}" "${FIG[jvm.jdk17.get.rps]}")
    FIG[jvm.cache_ratio]=$(ratio "${FIG[jvm.jdk25.get.rps]}" "${FIG[jvm.nocache.get.rps]}")
    FIG[jvm.c1_start_ratio]=$(ratio "${FIG[jvm.c1.start_s]}" "${FIG[jvm.jdk25.start_s]}")
    FIG[jvm.c1_get_ratio]=$(ratio "${FIG[jvm.c1.get.rps]}" "${FIG[jvm.jdk25.get.rps]}")
    FIG[jvm.c1_rss_ratio]=$(ratio "${FIG[jvm-c1.rss_mb]}" "${FIG[jvm-jdk25.rss_mb]}")
    log "JDK 25/17: start ${FIG[jvm.start_ratio]} times, GET by id ${FIG[jvm.get_ratio]} times; token cache on/off ${FIG[jvm.cache_ratio]} times;" \
        "C1 only/tiered: start ${FIG[jvm.c1_start_ratio]}, GET by id ${FIG[jvm.c1_get_ratio]}, memory ${FIG[jvm.c1_rss_ratio]} times"
}

jvm_report() {
    local config
    report "jvm: partner-service on JDK 17 (AppCDS) and JDK 25 (AOT cache), JDK 25 with C1 only, and with the token cache off, in one run"
    report "  start: process -> first 200 of /q/health/ready, $BENCH_JVM_STARTS starts of each one at a time (median), after"
    report "  each JDK's training start; GET /api/v1/partners/{id}: the four running at once, each warmed up ${BENCH_WARMUP}s,"
    report "  then measured ${BENCH_DURATION}s back to back, 32 connections, viewer token"
    report "$(printf '  %-40s %8s %-18s %9s %8s %8s %7s %8s %10s' '' 'start s' 'starts' 'GET req/s' 'p50 ms' 'p99 ms' 'of pgb' 'RSS MB' 'svc ms/req')"
    for config in "${JVM_CONFIGS[@]}"; do
        local start=${FIG[jvm.$config.start_s]:--} starts=${FIG[jvm.$config.starts]:--}
        [ "$config" = nocache ] && start="(as jdk25)" starts=""
        report "$(printf '  %-40s %8s %-18s %9s %8s %8s %7s %8s %10s' "${JVM_LABEL[$config]}" "$start" "$starts" \
            "${FIG[jvm.$config.get.rps]}" "${FIG[jvm.$config.get.p50_ms]}" "${FIG[jvm.$config.get.p99_ms]}" \
            "$(ratio "${FIG[jvm.$config.get.rps]}" "${FIG[pgbench.tps]}")" "${FIG[jvm-$config.rss_mb]}" \
            "${FIG[jvm.$config.get.ms_svc]}")"
    done
    report "$(printf '  %-40s %s' "JDK 25 + AOT / JDK 17 + AppCDS" "start ${FIG[jvm.start_ratio]} times (target <= 1.5 s: $(verdict "${FIG[jvm.jdk25.start_s]} <= 1.5")), GET by id ${FIG[jvm.get_ratio]} times the throughput")"
    report "$(printf '  %-40s %s' "token cache on / off (JDK 25)" "GET by id ${FIG[jvm.cache_ratio]} times the throughput")"
    report "$(printf '  %-40s %s' "C1 only / tiered (JDK 25 + AOT)" "start ${FIG[jvm.c1_start_ratio]} times (target <= 1.5 s: $(verdict "${FIG[jvm.c1.start_s]} <= 1.5")), GET by id ${FIG[jvm.c1_get_ratio]} times the throughput, resident memory ${FIG[jvm.c1_rss_ratio]} times (target <= 200 MB: $(verdict "${FIG[jvm-c1.rss_mb]} <= 200"))")"
    for config in "${JVM_CONFIGS[@]}"; do
        report "$(printf '  %-40s %s' "  $config" "${FIG[jvm.$config.version]}; ${FIG[jvm.$config.class_data]}${JVM_OPTS[$config]:+ ${JVM_OPTS[$config]}}; Quarkus \"${FIG[jvm.$config.quarkus_started]:-${FIG[jvm-$config.quarkus_started]}}\"")"
    done
    for config in "${JVM_CONFIGS[@]}"; do
        report_wrk_warnings "jvm.$config.get"
    done
    report ""
    report_cpu_header
    for config in "${JVM_CONFIGS[@]}"; do
        report_cpu_row "jvm.$config.get" "${JVM_LABEL[$config]}"
    done
    report ""
}
