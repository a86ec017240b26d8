# partner-service section of bench/run: GET by id, the filtered lists, q of every length in Chinese
# and English, and POST create, each measured at every size of BENCH_PARTNERS (100,000 and 1,000,000
# partners by default) and reported side by side, so that a cost that grows with the table shows.
# A section is two functions: <name>_measure (runs it, fills FIG) and <name>_report (adds its rows
# to the report, after pgbench has run). partner_prepare, partner_start and partner_dir are for
# sections that need partner-service running behind them (the gateway: the first size).

: "${BENCH_PARTNERS:=100000 1000000}"   # one size or several, each a database of its own
: "${BENCH_PARTNER_PORT:=18081}"

PARTNER_JAR="$ROOT/partner-service/target/quarkus-app/quarkus-run.jar"
PARTNER_SIZES=($BENCH_PARTNERS)

# The rows every size is measured on: key, connections, label. POST comes last (it adds partners).
PARTNER_ROWS=(
    get 32 "GET /api/v1/partners/{id}"
    list 16 "GET ?type=T&status=ACTIVE&sort=name&page=0-4"
    list_sector 16 "GET ?type=STARTUP&sector=S&status=ACTIVE"
    list_other 16 "GET ?tier|status|district|sector=, sorts"
    q1 16 "GET ?q=<1 Chinese char>"
    q2 16 "GET ?q=<2 Chinese chars>"
    q2_broad 16 "GET ?q=科技 (2 chars, 1/4 match)"
    q3 16 "GET ?q=<3 Chinese chars>"
    q_long 16 "GET ?q=<7 Chinese chars>"
    q_en 16 "GET ?q=<English word, rare>"
    q_en_broad 16 "GET ?q=<English word, common>"
    create 16 "POST /api/v1/partners"
)

# partner_label SIZE: 100000 -> 100k, 1000000 -> 1M (for keys, names and the report).
partner_label() {
    awk -v n="$1" 'BEGIN { if (n % 1000000 == 0) printf "%dM", n / 1000000; else if (n % 1000 == 0) printf "%dk", n / 1000; else print n }'
}

# partner_dir SIZE: where that size's request path files are.
partner_dir() {
    echo "$BENCH_WORK/partner-$(partner_label "$1")"
}

# partner_get_paths: the GET-by-id request paths of the first size (other sections read partners by id).
partner_get_paths() {
    echo "$(partner_dir "${PARTNER_SIZES[0]}")/get.paths"
}

partner_db() {
    echo "partners_$(partner_label "$1" | tr '[:upper:]' '[:lower:]')"
}

# partner_q_paths FILE SQL_TEXT FROM_WHERE: GET paths with q = SQL_TEXT (percent-encoded) for the rows given.
partner_q_paths() {
    local file=$1 text=$2 rows=$3 db=$4
    psql_db "$db" -c "select '/api/v1/partners?size=20&q=' || regexp_replace(upper(encode(convert_to($text, 'UTF8'), 'hex')), '(..)', '%\1', 'g')
                      $rows" >"$file"
}

# partner_prepare [SIZE]: the jar, tokens, that size's database with the service's schema and the
# data, and its request path files. Once per size and run; other sections may call it too.
partner_prepare() {
    local size=${1:-${PARTNER_SIZES[0]}} label db dir
    label=$(partner_label "$size")
    db=$(partner_db "$size")
    dir=$(partner_dir "$size")
    [ -d "$dir" ] && return 0
    build_if_stale "$PARTNER_JAR" partner-service
    bench_tokens
    service_env PARTNER_ENV "$db"

    migrate_schema "partner-$label" "$db" "$PARTNER_JAR" "$BENCH_PARTNER_PORT" partners "${PARTNER_ENV[@]}"
    log "loading $size partners into $db"
    load_data "partner-$label" "$db" partners-load.sql "$size" partners
    FIG[partner-$label.rows]=$(psql_db "$db" -c 'select count(*) from partners')
    log "loaded ${FIG[partner-$label.rows]} partners in ${FIG[partner-$label.load_s]} s (rows ${FIG[partner-$label.rows_s]} s," \
        "indexes ${FIG[partner-$label.indexes_s]} s):" \
        "$(psql_db "$db" -c "select string_agg(status || ' ' || n, ', ' order by status) from (select status, count(*) n from partners group by status) s")"

    # Request paths, from the data just loaded: the same kinds at every size.
    mkdir -p "$dir"
    psql_db "$db" -c "select '/api/v1/partners/' || id from partners order by random() limit 100000" >"$dir/get.paths"
    local type page sector
    for type in GOVERNMENT_AGENCY STATE_OWNED_ENTERPRISE PRIVATE_ENTERPRISE STARTUP UNIVERSITY RESEARCH_INSTITUTE NON_PROFIT; do
        for page in 0 1 2 3 4; do
            echo "/api/v1/partners?type=$type&status=ACTIVE&sort=name&size=20&page=$page"
        done
    done >"$dir/list.paths"
    for sector in SMART_CITY HEALTHCARE FINANCE EDUCATION ENERGY; do
        echo "/api/v1/partners?type=STARTUP&sector=$sector&status=ACTIVE&sort=name&size=20"
    done >"$dir/list_sector.paths"
    # every other filter alone, with the sorts a list page offers
    {
        for sort in name -joinedOn nameEn; do
            echo "/api/v1/partners?tier=STRATEGIC&sort=$sort&size=20"
            echo "/api/v1/partners?status=SUSPENDED&sort=$sort&size=20"
            echo "/api/v1/partners?district=$(urlencode 徐汇区)&sort=$sort&size=20"
            echo "/api/v1/partners?sector=HEALTHCARE&sort=$sort&size=20"
        done
        echo "/api/v1/partners?sort=-updatedAt&size=20"
        echo "/api/v1/partners?tier=CORE&sort=-type&size=20"
    } >"$dir/list_other.paths"
    # q as people type it: a trade name's characters (字号: 3 characters, the 3rd to 5th of most names),
    # its first two, one of them, the city with the trade name and the start of the form, its pinyin
    local cn="from partners where country = 'CN' and type <> 'GOVERNMENT_AGENCY' order by random() limit 5000"
    partner_q_paths "$dir/q1.paths" "substr(name, (3 + i % 3)::int, 1)" "from (select name, row_number() over () i $cn) s" "$db"
    partner_q_paths "$dir/q2.paths" "substr(name, 3, 2)" "$cn" "$db"
    partner_q_paths "$dir/q2_broad.paths" "'科技'" "" "$db"
    partner_q_paths "$dir/q3.paths" "substr(name, 3, 3)" "$cn" "$db"
    partner_q_paths "$dir/q_long.paths" "substr(name, 1, 7)" "$cn" "$db"
    partner_q_paths "$dir/q_en.paths" "lower(split_part(name_en, ' ', 2))" \
        "from partners where country = 'CN' and type <> 'GOVERNMENT_AGENCY' and name_en is not null order by random() limit 5000" "$db"
    partner_q_paths "$dir/q_en_broad.paths" "w" "from unnest('{technology,intelligent,institute,university,shanghai}'::text[]) w" "$db"
}

# partner_start [NAME [SIZE [PORT [VAR=value...]]]]: partner-service against that size's database
# (default: the first size), as service NAME (default partner-<size>; another section passes its
# own name so that its start does not replace the partner section's start figures), on PORT
# (default BENCH_PARTNER_PORT), with more environment if given.
partner_start() {
    local size=${2:-${PARTNER_SIZES[0]}}
    local name=${1:-partner-$(partner_label "$size")} port=${3:-$BENCH_PARTNER_PORT} db
    db=$(partner_db "$size")
    partner_prepare "$size"
    service_env PARTNER_ENV "$db"
    SVC_DB[$name]=$db
    service_start "$name" "$PARTNER_JAR" "$port" "${PARTNER_ENV[@]}" "${@:4}"
}

partner_measure() {
    local size
    for size in "${PARTNER_SIZES[@]}"; do
        partner_measure_size "$size"
    done
}

partner_measure_size() {
    local size=$1 label name dir
    label=$(partner_label "$size")
    name=partner-$label
    dir=$(partner_dir "$size")
    partner_start "$name" "$size"
    local base="http://127.0.0.1:$BENCH_PARTNER_PORT"
    local viewer=${AUTH[viewer]} manager=${AUTH[partner-manager]}

    # One request of each kind first: the right status, not merely a 2xx, and a body in the log.
    local i key
    for ((i = 0; i < ${#PARTNER_ROWS[@]}; i += 3)); do
        key=${PARTNER_ROWS[i]}
        [ "$key" = create ] && continue
        expect_status 200 GET "$base$(head -n 1 "$dir/$key.paths")" -H "$viewer"
    done
    expect_status 401 GET "$base$(head -n 1 "$dir/get.paths")"
    expect_status 201 POST "$base/api/v1/partners" -H "$manager" -H 'Content-Type: application/json' \
        --data '{"name":"上海基准检查科技有限公司","type":"STARTUP","tier":"COMMUNITY","sectors":["OTHER"]}'

    for ((i = 0; i < ${#PARTNER_ROWS[@]}; i += 3)); do
        key=${PARTNER_ROWS[i]}
        if [ "$key" = create ]; then
            wrk_measure "partner.$label.create" "$name" "${PARTNER_ROWS[i + 1]}" partner-create.lua "$base/api/v1/partners" \
                -H "$manager" -H 'Content-Type: application/json'
        else
            wrk_measure "partner.$label.$key" "$name" "${PARTNER_ROWS[i + 1]}" paths.lua "$base" -H "$viewer" -- "$dir/$key.paths"
        fi
    done
    FIG[$name.rows_after]=$(psql_db "$(partner_db "$size")" -c 'select count(*) from partners')

    service_memory "$name"
    log "$name resident memory after the load: ${FIG[$name.rss_mb]} MB (peak ${FIG[$name.hwm_mb]} MB)"
    service_stop "$name"
}

partner_report() {
    local size label labels=() i key
    for size in "${PARTNER_SIZES[@]}"; do
        labels+=("$(partner_label "$size")")
    done
    local first=${labels[0]} last=${labels[-1]}
    report "partner-service: every row measured at ${labels[*]} partners in this run (each size a database of its own, loaded with SQL, indexes made after the rows)"
    for label in "${labels[@]}"; do
        report "$(printf '  %-44s %s' "$label: loaded" "${FIG[partner-$label.rows]} partners in ${FIG[partner-$label.load_s]} s (rows ${FIG[partner-$label.rows_s]} s, indexes ${FIG[partner-$label.indexes_s]} s), ${FIG[partner-$label.rows_after]} after the POST runs")"
    done
    local header
    header=$(printf '  %-44s %5s' endpoint conns)
    for label in "${labels[@]}"; do
        header+=$(printf ' | %5s %9s %7s %8s' "$label" 'req/s' 'p50 ms' 'p99 ms')
    done
    [ ${#labels[@]} -gt 1 ] && header+=$(printf ' | %s' "p99 $last/$first")
    report "$header"
    local row target ratio
    for ((i = 0; i < ${#PARTNER_ROWS[@]}; i += 3)); do
        key=${PARTNER_ROWS[i]}
        row=$(printf '  %-44s %5s' "${PARTNER_ROWS[i + 2]}" "${PARTNER_ROWS[i + 1]}")
        for label in "${labels[@]}"; do
            row+=$(printf ' | %5s %9s %7s %8s' '' "${FIG[partner.$label.$key.rps]}" "${FIG[partner.$label.$key.p50_ms]}" \
                "${FIG[partner.$label.$key.p99_ms]}")
        done
        target=""
        if [ ${#labels[@]} -gt 1 ]; then
            ratio=$(awk -v a="${FIG[partner.$last.$key.p99_ms]}" -v b="${FIG[partner.$first.$key.p99_ms]}" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
            row+=$(printf ' | %5s' "$ratio")
        fi
        case "$key" in
            get)
                local ratios=()
                for label in "${labels[@]}"; do
                    ratios+=("$label $(awk -v a="${FIG[partner.$label.get.rps]}" -v b="${FIG[pgbench.tps]}" 'BEGIN { printf "%.2f", a / b }')")
                done
                target="of pgbench: ${ratios[*]}; target >= 0.45 (at $first): $(verdict "${FIG[partner.$first.get.rps]} / ${FIG[pgbench.tps]} >= 0.45")" ;;
            create) ;;
            *)
                target="p99 < 50 ms at $first: $(verdict "${FIG[partner.$first.$key.p99_ms]} < 50")"
                [ ${#labels[@]} -gt 1 ] && target+=", $last/$first <= 1.5: $(verdict "$ratio <= 1.5")" ;;
        esac
        report "$row   $target"
    done
    report_pgbench
    for label in "${labels[@]}"; do
        report "  at $label:"
        report_start_and_memory "partner-$label"
    done
    local keys=()
    for label in "${labels[@]}"; do
        for ((i = 0; i < ${#PARTNER_ROWS[@]}; i += 3)); do
            keys+=("partner.$label.${PARTNER_ROWS[i]}")
        done
    done
    report_wrk_warnings "${keys[@]}"
    report ""
    report_cpu_header
    for label in "${labels[@]}"; do
        for ((i = 0; i < ${#PARTNER_ROWS[@]}; i += 3)); do
            report_cpu_row "partner.$label.${PARTNER_ROWS[i]}" "$label ${PARTNER_ROWS[i + 2]}"
        done
    done
    report_cpu_row pgbench "pgbench -S (per transaction)"
    report ""
    local rows=()
    for label in "${labels[@]}"; do
        for ((i = 0; i < ${#PARTNER_ROWS[@]}; i += 3)); do
            rows+=("partner.$label.${PARTNER_ROWS[i]}" "$label ${PARTNER_ROWS[i + 2]}")
        done
    done
    report_threads "${rows[@]}"
    report ""
}
