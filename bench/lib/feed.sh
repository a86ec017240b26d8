# feed section of bench/run: what the change feed costs a write and what it reads, on partner-service
# against the first size's database of BENCH_PARTNERS:
#   on   partner-service as it runs: every write also writes its event into change_events, in the
#        write's own transaction (the transactional outbox);
#   off  the same jar with the outbox off (AIC_CHANGES_ENABLED=false, a switch for this comparison only).
# The two run at once on their own ports and are warmed up; then POST /api/v1/partners is measured
# on each in turn, BENCH_FEED_ROUNDS rounds alternating on, off, on, off, so that the table's growth
# and the machine's noise fall on both; each side's req/s is the mean of its rounds. Then the feed
# is read back: a cursor every 1,000 events through what the POSTs wrote, and
# GET /api/v1/partners/changes?limit=1000&after=<cursor> at BENCH_FEED_CONNS connections, every
# answer a full page (events/s = req/s x 1,000).

: "${BENCH_FEED_PORT:=18097}"    # on at this port, off at +1 (management: + BENCH_MANAGEMENT_OFFSET)
: "${BENCH_FEED_ROUNDS:=2}"
: "${BENCH_FEED_CONNS:=4}"

FEED_CONFIGS=(on off)
declare -A FEED_LABEL=([on]="with the outbox (as it runs)" [off]="without (AIC_CHANGES_ENABLED=false)")
declare -A FEED_ENV=([on]="" [off]="AIC_CHANGES_ENABLED=false")
# wrk's phase letters (the Lua script's names and credit codes are unique per phase): warm-ups, then rounds
declare -A FEED_WARMUP_PHASE=([on]=A [off]=B)
FEED_ROUND_PHASES=(C D E F G H J K L N P Q)

feed_measure() {
    [ "$BENCH_FEED_ROUNDS" -ge 1 ] && [ "$BENCH_FEED_ROUNDS" -le 6 ] || die "BENCH_FEED_ROUNDS must be 1..6"
    partner_prepare
    local config port i=0 env manager=${AUTH[partner-manager]} viewer=${AUTH[viewer]}
    declare -gA FEED_URL=()
    for config in "${FEED_CONFIGS[@]}"; do
        port=$((BENCH_FEED_PORT + i))
        i=$((i + 1))
        env=()
        [ -n "${FEED_ENV[$config]}" ] && env=("${FEED_ENV[$config]}")
        partner_start "feed-$config" "" "$port" "${env[@]}"
        FEED_URL[$config]="http://127.0.0.1:$port"
    done
    local db events_before
    db=$(partner_db "${PARTNER_SIZES[0]}")
    events_before=$(psql_db "$db" -c 'select count(*) from change_events')
    for config in "${FEED_CONFIGS[@]}"; do
        expect_status 201 POST "${FEED_URL[$config]}/api/v1/partners" -H "$manager" -H 'Content-Type: application/json' \
            --data "{\"name\":\"上海变更流检查${config}科技有限公司\",\"type\":\"STARTUP\",\"tier\":\"COMMUNITY\",\"sectors\":[\"OTHER\"]}"
    done
    [ "$(psql_db "$db" -c 'select count(*) from change_events')" = $((events_before + 1)) ] \
        || die "the two POSTs wrote $(($(psql_db "$db" -c 'select count(*) from change_events') - events_before)) events, expected 1 (from 'on' alone)"
    for config in "${FEED_CONFIGS[@]}"; do
        WRK_WARMUP_PHASE=${FEED_WARMUP_PHASE[$config]} wrk_warmup "feed.$config.create" 16 partner-create.lua \
            "${FEED_URL[$config]}/api/v1/partners" -H "$manager" -H 'Content-Type: application/json'
    done
    local round phase=0 sum
    for ((round = 1; round <= BENCH_FEED_ROUNDS; round++)); do
        for config in "${FEED_CONFIGS[@]}"; do
            WRK_PHASE=${FEED_ROUND_PHASES[phase]} wrk_run "feed.$config.create.r$round" "feed-$config" 16 partner-create.lua \
                "${FEED_URL[$config]}/api/v1/partners" -H "$manager" -H 'Content-Type: application/json'
            phase=$((phase + 1))
        done
    done
    for config in "${FEED_CONFIGS[@]}"; do
        local rps=() p99=() cpu=()
        for ((round = 1; round <= BENCH_FEED_ROUNDS; round++)); do
            rps+=("${FIG[feed.$config.create.r$round.rps]}")
            p99+=("${FIG[feed.$config.create.r$round.p99_ms]}")
            cpu+=("${FIG[feed.$config.create.r$round.ms_svc]}")
        done
        FIG[feed.$config.rounds]="${rps[*]}"
        FIG[feed.$config.rps]=$(printf '%s\n' "${rps[@]}" | awk '{ s += $1 } END { printf "%.0f", s / NR }')
        FIG[feed.$config.p99_ms]=$(median "${p99[@]}")
        FIG[feed.$config.ms_svc]=$(median "${cpu[@]}")
    done
    FIG[feed.cost_ratio]=$(ratio "${FIG[feed.on.rps]}" "${FIG[feed.off.rps]}")
    FIG[feed.events]=$(psql_db "$db" -c 'select count(*) from change_events')
    FIG[feed.event_bytes]=$(psql_db "$db" -c 'select coalesce(round(avg(pg_column_size(data))), 0) from change_events')
    log "POST with the outbox ${FIG[feed.on.rps]} req/s, without ${FIG[feed.off.rps]} req/s (on/off ${FIG[feed.cost_ratio]}); ${FIG[feed.events]} events in the feed"
    service_stop feed-off

    # The read: a cursor before every full page of 1,000, walked once from the beginning.
    local paths="$BENCH_WORK/feed-read.paths" page="$BENCH_WORK/feed-page.json" after="" next count pages=0
    : >"$paths"
    while :; do
        curl -s -o "$page" -H "$viewer" "${FEED_URL[on]}/api/v1/partners/changes?limit=1000${after:+&after=$after}" \
            || die "reading the feed failed"
        count=$(grep -o '"specversion"' "$page" | wc -l)
        next=$(grep -o '"next":"[^"]*"' "$page" | head -n 1 | cut -d'"' -f4)
        [ -n "$next" ] || die "a feed page without next: $(head -c 500 "$page")"
        [ "$count" -lt 1000 ] && break
        echo "/api/v1/partners/changes?limit=1000${after:+&after=$after}" >>"$paths"
        pages=$((pages + 1))
        after=$next
    done
    [ "$pages" -ge 4 ] || die "the feed has $pages full pages of 1,000 events; raise BENCH_DURATION for more POSTs"
    FIG[feed.read_pages]=$pages
    expect_status 200 GET "${FEED_URL[on]}$(head -n 1 "$paths")" -H "$viewer"
    wrk_measure feed.read feed-on "$BENCH_FEED_CONNS" paths.lua "${FEED_URL[on]}" -H "$viewer" -- "$paths"
    FIG[feed.read_events_s]=$(awk -v r="${FIG[feed.read.rps]}" 'BEGIN { printf "%.0f", r * 1000 }')
    service_memory feed-on
    service_stop feed-on
}

feed_report() {
    local config
    report "feed: partner-service with and without the change feed's outbox, at once on the ${PARTNER_SIZES[0]}-partner database;"
    report "  POST /api/v1/partners at 16 connections, $BENCH_FEED_ROUNDS rounds of ${BENCH_DURATION}s alternating on, off (after ${BENCH_WARMUP}s warm-up each)"
    report "$(printf '  %-44s %9s %-22s %8s %10s' '' 'req/s' 'rounds' 'p99 ms' 'svc ms/req')"
    for config in "${FEED_CONFIGS[@]}"; do
        report "$(printf '  %-44s %9s %-22s %8s %10s' "POST ${FEED_LABEL[$config]}" "${FIG[feed.$config.rps]}" \
            "${FIG[feed.$config.rounds]}" "${FIG[feed.$config.p99_ms]}" "${FIG[feed.$config.ms_svc]}")"
    done
    report "$(printf '  %-44s %s' "outbox on / off" "${FIG[feed.cost_ratio]} times the throughput")"
    report "$(printf '  %-44s %9s %8s %8s   %s' "GET /changes?limit=1000&after=<cursor>" "${FIG[feed.read.rps]}" \
        "${FIG[feed.read.p50_ms]}" "${FIG[feed.read.p99_ms]}" \
        "req/s, p50, p99 ms at $BENCH_FEED_CONNS connections: ${FIG[feed.read_events_s]} events/s (${FIG[feed.read_pages]} full pages of ${FIG[feed.events]} events, ~${FIG[feed.event_bytes]} bytes of data each)")"
    local round keys=(feed.read)
    for config in "${FEED_CONFIGS[@]}"; do
        for ((round = 1; round <= BENCH_FEED_ROUNDS; round++)); do
            keys+=("feed.$config.create.r$round")
        done
    done
    report_wrk_warnings "${keys[@]}"
    report ""
    report_cpu_header
    for config in "${FEED_CONFIGS[@]}"; do
        report_cpu_row "feed.$config.create.r1" "POST ${FEED_LABEL[$config]} (round 1)"
    done
    report_cpu_row feed.read "GET /changes?limit=1000 (per page)"
    report ""
}
