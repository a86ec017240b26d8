# project-service section of bench/run: 50,000 joint research projects with their participants,
# milestones, outcomes, tags and history; GET a project by id, a list filtered by status and
# research area, and the dashboard statistics. A section is two functions: <name>_measure (runs
# it, fills FIG) and <name>_report (adds its rows to the report, after pgbench has run).
#
# Reads never ask partner-service (only writes that name a new partner do), so it is not
# started: PARTNER_SERVICE_URL points at a port nobody listens on, and a request that did ask it
# would fail (503) and show up as a non-2xx answer instead of quietly measuring something else.

: "${BENCH_PROJECTS:=50000}"
: "${BENCH_PROJECT_PORT:=18082}"
: "${BENCH_EXTRA:=0}"   # 1 adds informational rows: the partnerId filter and a `q` search

PROJECT_JAR="$ROOT/project-service/target/quarkus-app/quarkus-run.jar"
PROJECT_AREAS=(COMPUTER_VISION NATURAL_LANGUAGE_PROCESSING MACHINE_READING_COMPREHENSION MACHINE_TRANSLATION SPEECH
    KNOWLEDGE_GRAPH SMART_CITY AI_INFRASTRUCTURE RESPONSIBLE_AI OTHER)

project_measure() {
    build_if_stale "$PROJECT_JAR" project-service
    bench_tokens
    # nothing measured asks partner-service: its URL is a closed port
    service_env PROJECT_ENV projects PARTNER_SERVICE_URL="http://127.0.0.1:9"
    local work=$BENCH_WORK base="http://127.0.0.1:$BENCH_PROJECT_PORT"
    local viewer=${AUTH[viewer]}

    migrate_schema project projects "$PROJECT_JAR" "$BENCH_PROJECT_PORT" project_milestones "${PROJECT_ENV[@]}"
    log "loading $BENCH_PROJECTS projects with participants, milestones, outcomes, tags and history"
    load_data project projects projects-load.sql "$BENCH_PROJECTS"
    read -r "FIG[project.rows]" "FIG[project.participants]" "FIG[project.milestones]" "FIG[project.outcomes]" \
        "FIG[project.tags]" "FIG[project.transitions]" < <(psql_db projects -F ' ' -c "
        select (select count(*) from projects), (select count(*) from project_participants),
               (select count(*) from project_milestones), (select count(*) from project_outcomes),
               (select count(*) from project_tags), (select count(*) from project_transitions)")
    FIG[project.active_per_area]=$(psql_db projects -c "
        select min(n) || '-' || max(n) from (select count(*) n from projects where status = 'ACTIVE' group by research_area) s")
    log "loaded ${FIG[project.rows]} projects, ${FIG[project.participants]} participants, ${FIG[project.milestones]} milestones," \
        "${FIG[project.outcomes]} outcomes, ${FIG[project.tags]} tags, ${FIG[project.transitions]} transitions in ${FIG[project.load_s]} s:" \
        "$(psql_db projects -c "select string_agg(status || ' ' || n, ', ' order by status) from (select status, count(*) n from projects group by status) s")"

    # Request paths, from the data just loaded.
    psql_db projects -c "select '/api/v1/projects/' || id from projects" >"$work/project-ids.paths"
    local area page
    for area in "${PROJECT_AREAS[@]}"; do
        for page in 0 1 2 3 4; do
            echo "/api/v1/projects?status=ACTIVE&researchArea=$area&sort=-startDate&size=20&page=$page"
        done
    done >"$work/project-list.paths"
    echo "/api/v1/projects/statistics" >"$work/project-statistics.paths"
    # the projects of one partner (lead or participant), 2,000 different partners
    psql_db projects -c "select '/api/v1/projects?size=20&partnerId=' || partner_id
                         from (select distinct partner_id from project_participants) s order by random() limit 2000" \
        >"$work/project-partner.paths"
    local term
    for term in 知识图谱 城市大脑 语音识别 机器翻译 算力调度 政务服务 "digital twins" "speech recognition" "explainable ai"; do
        echo "/api/v1/projects?size=20&q=$(urlencode "$term")"
    done >"$work/project-search.paths"

    service_start project "$PROJECT_JAR" "$BENCH_PROJECT_PORT" "${PROJECT_ENV[@]}"

    # One request of each kind first: the right status, not merely a 2xx, and a body in the log.
    # The project read first must carry milestones and participants, or GET by id measures less.
    local first
    first=$(psql_db projects -c "select p.id from projects p where (select count(*) from project_participants pp where pp.project_id = p.id) > 1
                                 and exists (select 1 from project_outcomes o where o.project_id = p.id) limit 1")
    expect_status 200 GET "$base/api/v1/projects/$first" -H "$viewer"
    grep -q '"participants":\[{"partnerId"[^]]*},{' "$work/check.body" && grep -q '"milestones":\[{"id"' "$work/check.body" \
        || die "GET /api/v1/projects/$first has no milestones or only one participant: $(head -c 500 "$work/check.body")"
    expect_status 200 GET "$base$(head -n 1 "$work/project-list.paths")" -H "$viewer"
    grep -q '"totalItems":[1-9]' "$work/check.body" || die "the filtered list is empty: $(head -c 300 "$work/check.body")"
    expect_status 200 GET "$base/api/v1/projects/statistics" -H "$viewer"
    grep -q '"overdueMilestones":{"count":[1-9]' "$work/check.body" || die "statistics show no overdue milestones: $(head -c 500 "$work/check.body")"
    expect_status 200 GET "$base$(head -n 1 "$work/project-partner.paths")" -H "$viewer"
    expect_status 200 GET "$base$(head -n 1 "$work/project-search.paths")" -H "$viewer"
    expect_status 401 GET "$base/api/v1/projects/$first"
    expect_status 404 GET "$base/api/v1/projects/00000000-0000-0000-0000-000000000000" -H "$viewer"

    wrk_measure project.get project 32 paths.lua "$base" -H "$viewer" -- "$work/project-ids.paths"
    wrk_measure project.list project 16 paths.lua "$base" -H "$viewer" -- "$work/project-list.paths"
    wrk_measure project.stats project 16 paths.lua "$base" -H "$viewer" -- "$work/project-statistics.paths"
    if [ "$BENCH_EXTRA" = 1 ]; then
        wrk_measure project.partner project 16 paths.lua "$base" -H "$viewer" -- "$work/project-partner.paths"
        wrk_measure project.search project 16 paths.lua "$base" -H "$viewer" -- "$work/project-search.paths"
    fi

    service_memory project
    log "project-service resident memory after the load: ${FIG[project.rss_mb]} MB (peak ${FIG[project.hwm_mb]} MB)"
    service_stop project
}

project_report() {
    local ratio
    ratio=$(awk -v a="${FIG[project.get.rps]}" -v b="${FIG[pgbench.tps]}" 'BEGIN { printf "%.2f", a / b }')
    FIG[project.get.ratio]=$ratio
    report "project-service: ${FIG[project.rows]} projects loaded in ${FIG[project.load_s]} s (${FIG[project.participants]} participants," \
        "${FIG[project.milestones]} milestones, ${FIG[project.outcomes]} outcomes, ${FIG[project.tags]} tags, ${FIG[project.transitions]} transitions;" \
        "${FIG[project.active_per_area]} ACTIVE per area)"
    report_endpoint_header
    report_endpoint project.get "GET /api/v1/projects/{id}" \
        "$ratio of pgbench; target >= 0.45: $(verdict "$ratio >= 0.45")"
    report_endpoint project.list "GET ?status=ACTIVE&researchArea=A&page=0-4" \
        "p99 target < 50 ms: $(verdict "${FIG[project.list.p99_ms]} < 50")"
    report_endpoint project.stats "GET /api/v1/projects/statistics"
    if [ "$BENCH_EXTRA" = 1 ]; then
        report_endpoint project.partner "GET ?partnerId=<a partner>&size=20"
        report_endpoint project.search "GET ?q=<word, zh or en>&size=20"
    fi
    report_pgbench
    report_start_and_memory project
    local keys=(project.get project.list project.stats)
    [ "$BENCH_EXTRA" = 1 ] && keys+=(project.partner project.search)
    report_wrk_warnings "${keys[@]}"
    report ""
    report_cpu_header
    report_cpu_row project.get "GET /api/v1/projects/{id}"
    report_cpu_row project.list "GET list"
    report_cpu_row project.stats "GET statistics"
    if [ "$BENCH_EXTRA" = 1 ]; then
        report_cpu_row project.partner "GET ?partnerId="
        report_cpu_row project.search "GET ?q="
    fi
    report_cpu_row pgbench "pgbench -S (per transaction)"
    report ""
    local rows=(project.get "GET /api/v1/projects/{id}" project.list "GET list" project.stats "GET statistics")
    if [ "$BENCH_EXTRA" = 1 ]; then
        rows+=(project.partner "GET ?partnerId=" project.search "GET ?q=")
    fi
    report_threads "${rows[@]}"
    report ""
}
