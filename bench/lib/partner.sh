# partner-service section of bench/run: 100,000 partners, GET by id, a filtered list, a `q`
# search and POST create. A section is two functions: <name>_measure (runs it, fills FIG) and
# <name>_report (adds its rows to the report, after pgbench has run). partner_prepare and
# partner_start are for sections that need partner-service running behind them (the gateway).

: "${BENCH_PARTNERS:=100000}"
: "${BENCH_PARTNER_PORT:=18081}"
: "${BENCH_EXTRA:=0}"   # 1 adds informational rows: a list filtered by sector, a broad 2-character q

PARTNER_JAR="$ROOT/partner-service/target/quarkus-app/quarkus-run.jar"

# partner_prepare: the jar, tokens, database partners with the service's schema and the data,
# and the request path files. Once per run; other sections (the gateway) may call it too.
partner_prepare() {
    [ "${PARTNER_PREPARED:-0}" = 1 ] && return 0
    build_if_missing "$PARTNER_JAR" partner-service
    bench_tokens
    service_env PARTNER_ENV partners

    migrate_schema partner partners "$PARTNER_JAR" "$BENCH_PARTNER_PORT" partners "${PARTNER_ENV[@]}"
    log "loading $BENCH_PARTNERS partners"
    load_data partner partners partners-load.sql "$BENCH_PARTNERS"
    FIG[partner.rows]=$(psql_db partners -c 'select count(*) from partners')
    log "loaded ${FIG[partner.rows]} partners in ${FIG[partner.load_s]} s:" \
        "$(psql_db partners -c "select string_agg(status || ' ' || n, ', ' order by status) from (select status, count(*) n from partners group by status) s")"

    # Request paths, from the data just loaded.
    local work=$BENCH_WORK
    psql_db partners -c "select '/api/v1/partners/' || id from partners" >"$work/partner-ids.paths"
    local type page
    for type in GOVERNMENT_AGENCY STATE_OWNED_ENTERPRISE PRIVATE_ENTERPRISE STARTUP UNIVERSITY RESEARCH_INSTITUTE NON_PROFIT; do
        for page in 0 1 2 3 4; do
            echo "/api/v1/partners?type=$type&status=ACTIVE&sort=name&size=20&page=$page"
        done
    done >"$work/partner-list.paths"
    # `q` as someone looking a partner up types it: a trade name (3 characters) from a real name.
    psql_db partners -c "select '/api/v1/partners?size=20&q=' || regexp_replace(upper(encode(convert_to(substr(name, 3, 3), 'UTF8'), 'hex')), '(..)', '%\1', 'g')
                         from partners where country = 'CN' and type <> 'GOVERNMENT_AGENCY' order by random() limit 5000" \
        >"$work/partner-search.paths"
    local sector
    for sector in SMART_CITY HEALTHCARE FINANCE EDUCATION ENERGY; do
        echo "/api/v1/partners?type=STARTUP&sector=$sector&status=ACTIVE&sort=name&size=20"
    done >"$work/partner-list-sector.paths"
    # 2 characters: too short for a trigram index, and about a quarter of the partners match
    echo "/api/v1/partners?size=20&q=%E7%A7%91%E6%8A%80" >"$work/partner-search-broad.paths"
    PARTNER_PREPARED=1
}

# partner_start [NAME]: partner-service on BENCH_PARTNER_PORT against the prepared database, as
# service NAME (default partner; another section passes its own name so that its start does not
# replace the partner section's start figures).
partner_start() {
    local name=${1:-partner}
    partner_prepare
    SVC_DB[$name]=partners
    service_start "$name" "$PARTNER_JAR" "$BENCH_PARTNER_PORT" "${PARTNER_ENV[@]}"
}

partner_measure() {
    partner_prepare
    partner_start
    local base="http://127.0.0.1:$BENCH_PARTNER_PORT" work=$BENCH_WORK
    local viewer=${AUTH[viewer]} manager=${AUTH[partner-manager]}

    # One request of each kind first: the right status, not merely a 2xx, and a body in the log.
    expect_status 200 GET "$base$(head -n 1 "$work/partner-ids.paths")" -H "$viewer"
    expect_status 200 GET "$base$(head -n 1 "$work/partner-list.paths")" -H "$viewer"
    expect_status 200 GET "$base$(head -n 1 "$work/partner-search.paths")" -H "$viewer"
    expect_status 401 GET "$base$(head -n 1 "$work/partner-ids.paths")"
    expect_status 201 POST "$base/api/v1/partners" -H "$manager" -H 'Content-Type: application/json' \
        --data '{"name":"上海基准检查科技有限公司","type":"STARTUP","tier":"COMMUNITY","sectors":["OTHER"]}'

    wrk_measure partner.get partner 32 paths.lua "$base" -H "$viewer" -- "$work/partner-ids.paths"
    wrk_measure partner.list partner 16 paths.lua "$base" -H "$viewer" -- "$work/partner-list.paths"
    wrk_measure partner.search partner 16 paths.lua "$base" -H "$viewer" -- "$work/partner-search.paths"
    if [ "$BENCH_EXTRA" = 1 ]; then
        wrk_measure partner.list_sector partner 16 paths.lua "$base" -H "$viewer" -- "$work/partner-list-sector.paths"
        wrk_measure partner.search_broad partner 16 paths.lua "$base" -H "$viewer" -- "$work/partner-search-broad.paths"
    fi
    # last: it adds partners (the warm-up too), which the reads above should not see
    wrk_measure partner.create partner 16 partner-create.lua "$base/api/v1/partners" \
        -H "$manager" -H 'Content-Type: application/json'
    FIG[partner.rows_after]=$(psql_db partners -c 'select count(*) from partners')

    service_memory partner
    log "partner-service resident memory after the load: ${FIG[partner.rss_mb]} MB (peak ${FIG[partner.hwm_mb]} MB)"
    service_stop partner
}

partner_report() {
    local ratio
    ratio=$(awk -v a="${FIG[partner.get.rps]}" -v b="${FIG[pgbench.tps]}" 'BEGIN { printf "%.2f", a / b }')
    FIG[partner.get.ratio]=$ratio
    report "partner-service: ${FIG[partner.rows]} partners loaded (${FIG[partner.rows_after]} after the POST runs)"
    report_endpoint_header
    report_endpoint partner.get "GET /api/v1/partners/{id}" \
        "$ratio of pgbench; target >= 0.45: $(verdict "$ratio >= 0.45")"
    report_endpoint partner.list "GET ?type=T&status=ACTIVE&sort=name&page=0-4" \
        "p99 target < 50 ms: $(verdict "${FIG[partner.list.p99_ms]} < 50")"
    report_endpoint partner.search "GET ?q=<3 Chinese chars>&size=20"
    if [ "$BENCH_EXTRA" = 1 ]; then
        report_endpoint partner.list_sector "GET ?type=STARTUP&sector=S&status=ACTIVE"
        report_endpoint partner.search_broad "GET ?q=<2 Chinese chars, 1/4 match>"
    fi
    report_endpoint partner.create "POST /api/v1/partners"
    report_pgbench
    report_start_and_memory partner
    local keys=(partner.get partner.list partner.search partner.create)
    [ "$BENCH_EXTRA" = 1 ] && keys+=(partner.list_sector partner.search_broad)
    report_wrk_warnings "${keys[@]}"
    report ""
    report_cpu_header
    report_cpu_row partner.get "GET /api/v1/partners/{id}"
    report_cpu_row partner.list "GET list"
    report_cpu_row partner.search "GET ?q="
    if [ "$BENCH_EXTRA" = 1 ]; then
        report_cpu_row partner.list_sector "GET list with sector"
        report_cpu_row partner.search_broad "GET ?q= (broad)"
    fi
    report_cpu_row partner.create "POST /api/v1/partners"
    report_cpu_row pgbench "pgbench -S (per transaction)"
    report ""
    local rows=(partner.get "GET /api/v1/partners/{id}" partner.list "GET list" partner.search "GET ?q=")
    if [ "$BENCH_EXTRA" = 1 ]; then
        rows+=(partner.list_sector "GET list with sector" partner.search_broad "GET ?q= (broad)")
    fi
    rows+=(partner.create "POST /api/v1/partners")
    report_threads "${rows[@]}"
    report ""
}
