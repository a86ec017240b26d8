# training-service section of bench/run: a catalogue of 2,000 programmes with their sessions and
# enrolments; the public catalogue list (no token), and enrolment into a full programme with a
# long waitlist, checked afterwards for oversold seats, waitlist gaps or repeats, and lost
# requests. A section is two functions: <name>_measure (runs it, fills FIG) and <name>_report.
#
# No request here names a partner (no hostPartnerId, no participant partnerId), so partner-service
# is not started: the numbers are training-service's own. PARTNER_SERVICE_URL points at a port
# nobody listens on, so a request that did ask partner-service would fail (503) and show up as a
# non-2xx answer instead of quietly measuring something else.

: "${BENCH_PROGRAMMES:=2000}"          # programmes in the catalogue data
: "${BENCH_WAITLIST:=5000}"            # people already waiting in the enrolment programme
: "${BENCH_TRAINING_CAPACITY:=100}"    # its seats, all taken before the load
: "${BENCH_TRAINING_PORT:=18083}"
: "${BENCH_EXTRA:=0}"                  # 1 adds a text search in the catalogue

TRAINING_JAR="$ROOT/training-service/target/quarkus-app/quarkus-run.jar"
TRAINING_BENCH_TITLE="基准测试：大模型应用开发热门班"

training_measure() {
    build_if_stale "$TRAINING_JAR" training-service
    bench_tokens
    # nothing measured asks partner-service (enrolments name no partner): its URL is a closed port
    service_env TRAINING_ENV training PARTNER_SERVICE_URL="http://127.0.0.1:9"
    local work=$BENCH_WORK base="http://127.0.0.1:$BENCH_TRAINING_PORT"
    local coordinator=${AUTH[training-coordinator]}

    migrate_schema training training "$TRAINING_JAR" "$BENCH_TRAINING_PORT" enrolments "${TRAINING_ENV[@]}"
    log "loading $BENCH_PROGRAMMES programmes with sessions and enrolments"
    load_data training training programmes-load.sql "$BENCH_PROGRAMMES"
    read -r "FIG[training.programmes]" "FIG[training.published]" "FIG[training.sessions]" "FIG[training.enrolments]" < <(
        psql_db training -F ' ' -c "select (select count(*) from programmes), (select count(*) from programmes where status = 'PUBLISHED'),
                                           (select count(*) from programme_sessions), (select count(*) from enrolments)")
    log "loaded ${FIG[training.programmes]} programmes (${FIG[training.published]} PUBLISHED), ${FIG[training.sessions]} sessions," \
        "${FIG[training.enrolments]} enrolments in ${FIG[training.load_s]} s"

    service_start training "$TRAINING_JAR" "$BENCH_TRAINING_PORT" "${TRAINING_ENV[@]}"

    # The programme the enrolments go to: made and published through the API like any other,
    # then every seat taken and BENCH_WAITLIST people put on its waitlist by SQL.
    expect_status 201 POST "$base/api/v1/programmes" -H "$coordinator" -H 'Content-Type: application/json' --data "$(cat <<EOF
{"title":"$TRAINING_BENCH_TITLE","description":"检索增强生成、智能体与评测；名额有限，报满后进入候补。",
 "topic":"NLP","format":"HYBRID","level":"INTERMEDIATE","language":"zh","capacity":$BENCH_TRAINING_CAPACITY,
 "location":"徐汇区漕河泾 AI 创新中心 5 楼 502 会议室（线上同步）",
 "startDate":"$(date -d '+60 days' +%F)","endDate":"$(date -d '+62 days' +%F)","enrolmentDeadline":"$(date -d '+45 days' +%F)",
 "instructors":[{"name":"沈立群","email":"shen.liqun@aic-xuhui.example"}]}
EOF
)"
    local id version
    # the one programme not made by the SQL load
    read -r id version < <(psql_db training -F ' ' -c "select id, version from programmes where created_by <> 'bench-loader'")
    [ -n "$id" ] || die "the enrolment programme was not found after its creation"
    TRAINING_PROGRAMME=$id
    expect_status 200 POST "$base/api/v1/programmes/$id/transitions" -H "$coordinator" -H "If-Match: \"$version\"" \
        -H 'Content-Type: application/json' --data '{"to":"PUBLISHED","reason":"bench"}'
    psql_db training -v programme="$id" -v waiting="$BENCH_WAITLIST" -f "$BENCH_DIR/sql/waitlist-load.sql" >>"$RAW_LOG" 2>&1 \
        || die "filling the enrolment programme failed; see $RAW_LOG"
    psql_db training -c 'analyze enrolments' >>"$RAW_LOG" 2>&1 || die "analyze failed"

    # Request paths: the catalogue's first five pages (soonest first, as a visitor sees it) and,
    # with BENCH_EXTRA=1, a text search in it.
    local page term
    for page in 0 1 2 3 4; do
        echo "/api/v1/programmes?status=PUBLISHED&page=$page"
    done >"$work/training-catalogue.paths"
    for term in 机器学习 深度学习 大模型 计算机视觉 数据工程 政务 "Deep Learning" Responsible Cloud; do
        echo "/api/v1/programmes?status=PUBLISHED&q=$(urlencode "$term")"
    done >"$work/training-search.paths"

    # One request of each kind first: the right status, not merely a 2xx, and a body in the log.
    expect_status 200 GET "$base$(head -n 1 "$work/training-catalogue.paths")"
    expect_status 401 GET "$base/api/v1/programmes?status=DRAFT"
    expect_status 401 POST "$base/api/v1/programmes/$id/enrolments" -H 'Content-Type: application/json' \
        --data '{"participant":{"name":"检查","email":"check@learners.example.cn","organisation":"基准"}}'
    expect_status 201 POST "$base/api/v1/programmes/$id/enrolments" -H "$coordinator" -H 'Content-Type: application/json' \
        --data '{"participant":{"name":"检查","email":"check@learners.example.cn","organisation":"基准"}}'
    grep -q "\"waitlistPosition\":$((BENCH_WAITLIST + 1))" "$work/check.body" \
        || die "the check enrolment was not WAITLISTED at position $((BENCH_WAITLIST + 1)): $(head -c 500 "$work/check.body")"
    expect_status 409 POST "$base/api/v1/programmes/$id/enrolments" -H "$coordinator" -H 'Content-Type: application/json' \
        --data '{"participant":{"name":"检查","email":"CHECK@learners.example.cn","organisation":"基准"}}'

    wrk_measure training.catalogue training 16 paths.lua "$base" -- "$work/training-catalogue.paths"
    if [ "$BENCH_EXTRA" = 1 ]; then
        wrk_measure training.search training 16 paths.lua "$base" -- "$work/training-search.paths"
    fi

    # last: it writes. Every answer must be 201 (a place at the end of the waitlist).
    FIG[training.rows_before]=$(training_rows "$id")
    wrk_measure training.enrol training 16 training-enrol.lua "$base/api/v1/programmes/$id/enrolments" \
        -H "$coordinator" -H 'Content-Type: application/json'
    training_settle "$id"
    FIG[training.rows_added]=$(($(training_rows "$id") - ${FIG[training.rows_before]}))
    local warm_requests=0 warm_non2xx=0
    if [ -f "$work/wrk-training.enrol.out.warmup" ]; then
        read -r warm_requests warm_non2xx < <(grep '^BENCH ' "$work/wrk-training.enrol.out.warmup" \
            | sed 's/.*requests=\([0-9]*\).*non2xx=\([0-9]*\).*/\1 \2/')
    fi
    FIG[training.answers_2xx]=$((warm_requests - warm_non2xx + ${FIG[training.enrol.requests]} - ${FIG[training.enrol.non2xx]}))
    training_seat_check "$id" after_load

    # One staff cancellation of an ENROLLED seat: the first in the long queue takes the seat and
    # everyone behind moves up one place, in one transaction.
    local enrolment ev
    read -r enrolment ev < <(psql_db training -F ' ' -c "select id, version from enrolments
        where programme_id = '$id' and status = 'ENROLLED' order by enrolled_at limit 1")
    FIG[training.cancel_waiting]=$(psql_db training -c "select count(*) from enrolments where programme_id = '$id' and status = 'WAITLISTED'")
    local got
    got=$(curl -s -o "$work/cancel.body" -w '%{http_code} %{time_total}' -X POST \
        "$base/api/v1/programmes/$id/enrolments/$enrolment/transitions" -H "$coordinator" -H "If-Match: \"$ev\"" \
        -H 'Content-Type: application/json' --data '{"to":"CANCELLED","reason":"bench: one cancellation"}') || got="000 0"
    { echo "== cancel $enrolment -> $got"; head -c 2000 "$work/cancel.body"; echo; } >>"$RAW_LOG"
    [ "${got%% *}" = 200 ] || die "cancelling enrolment $enrolment answered ${got%% *}, expected 200"
    FIG[training.cancel_ms]=$(awk -v t="${got#* }" 'BEGIN { printf "%.0f", t * 1000 }')
    training_seat_check "$id" after_cancel
    log "one cancellation with ${FIG[training.cancel_waiting]} waiting: ${FIG[training.cancel_ms]} ms; seats ${FIG[training.check.after_cancel]}"

    service_memory training
    log "training-service resident memory after the load: ${FIG[training.rss_mb]} MB (peak ${FIG[training.hwm_mb]} MB)"
    service_stop training
}

# training_settle ID: waits until the requests wrk left in flight when it stopped are done (the
# service finishes them after the client has gone): the programme's enrolment count unchanged for
# a second and no database session of the service busy. The checks after the load count on it.
training_settle() {
    local id=$1 before after busy i
    after=$(training_rows "$id")
    for i in $(seq 1 60); do
        before=$after
        sleep 1
        after=$(training_rows "$id")
        busy=$(psql_db postgres -c "select count(*) from pg_stat_activity
            where datname = 'training' and state <> 'idle' and pid <> pg_backend_pid()")
        [ "$before" = "$after" ] && [ "$busy" = 0 ] && return 0
    done
    die "the enrolments of programme $id were still changing 60 s after the load"
}

training_rows() {
    psql_db training -c "select count(*) from enrolments where programme_id = '$1'"
}

# training_seat_check ID NAME: the seat rules over what the load left, straight from the database,
# and the service's own count of the same programme. Sets FIG[training.check.NAME] ("ok" or
# "BROKEN") and FIG[training.check.NAME.text].
training_seat_check() {
    local id=$1 name=$2
    local capacity enrolled taken waiting distinct first last twice api
    read -r capacity enrolled taken waiting distinct first last twice < <(psql_db training -F ' ' -c "
        select p.capacity,
               count(e.id) filter (where e.status = 'ENROLLED'),
               count(e.id) filter (where e.status in ('ENROLLED', 'COMPLETED', 'NO_SHOW')),
               count(e.id) filter (where e.status = 'WAITLISTED'),
               count(distinct e.waitlist_position) filter (where e.status = 'WAITLISTED'),
               coalesce(min(e.waitlist_position) filter (where e.status = 'WAITLISTED'), 0),
               coalesce(max(e.waitlist_position) filter (where e.status = 'WAITLISTED'), 0),
               (select count(*) from (select 1 from enrolments l where l.programme_id = p.id and l.status in ('ENROLLED', 'WAITLISTED')
                                      group by lower(l.participant_email) having count(*) > 1) d)
        from programmes p left join enrolments e on e.programme_id = p.id
        where p.id = '$id' group by p.id, p.capacity")
    api=$(curl -s "http://127.0.0.1:$BENCH_TRAINING_PORT/api/v1/programmes/$id" | grep -o '"seats":{[^}]*}' || true)
    local ok=ok api_says="the API's seats agree"
    [ "$taken" -le "$capacity" ] || ok=BROKEN
    [ "$distinct" = "$waiting" ] || ok=BROKEN
    if [ "$waiting" -gt 0 ]; then
        [ "$first" = 1 ] && [ "$last" = "$waiting" ] || ok=BROKEN
    fi
    [ "$twice" = 0 ] || ok=BROKEN
    if [ "$api" != "\"seats\":{\"taken\":$taken,\"free\":$((capacity - taken)),\"waitlisted\":$waiting}" ]; then
        ok=BROKEN
        api_says="but the API says $api"
    fi
    FIG[training.check.$name]=$ok
    FIG[training.check.$name.text]="ENROLLED $enrolled, seats taken $taken of $capacity; $waiting waiting at positions $first..$last, $distinct distinct; $twice emails live twice; $api_says"
    log "seat check $name: $ok: ${FIG[training.check.$name.text]}"
}

training_report() {
    report "training-service: ${FIG[training.programmes]} programmes (${FIG[training.published]} PUBLISHED), ${FIG[training.sessions]} sessions," \
        "${FIG[training.enrolments]} enrolments loaded in ${FIG[training.load_s]} s; the enrolment programme: $BENCH_TRAINING_CAPACITY seats," \
        "all taken, $BENCH_WAITLIST waiting before the warm-up"
    report_endpoint_header
    report_endpoint training.catalogue "GET ?status=PUBLISHED&page=0-4, no token" \
        "p99 target < 50 ms: $(verdict "${FIG[training.catalogue.p99_ms]} < 50")"
    if [ "$BENCH_EXTRA" = 1 ]; then
        report_endpoint training.search "GET ?status=PUBLISHED&q=<word>, no token"
    fi
    report_endpoint training.enrol "POST .../enrolments, full, long waitlist"
    local line
    line="${FIG[training.check.after_load]}: ${FIG[training.check.after_load.text]}"
    report "$(printf '  %-44s %s' "seats after the enrolment runs" "$line")"
    line="${FIG[training.rows_added]} / ${FIG[training.answers_2xx]} (warm-up and measurement; up to 2 x 16 more rows than"
    line+=" answers are requests in flight when wrk stopped): $(verdict "${FIG[training.rows_added]} >= ${FIG[training.answers_2xx]} && ${FIG[training.rows_added]} <= ${FIG[training.answers_2xx]} + 32")"
    report "$(printf '  %-44s %s' "enrolments written / 2xx answers" "$line")"
    line="${FIG[training.cancel_ms]} ms with ${FIG[training.cancel_waiting]} waiting (the first takes the seat, the rest move up);"
    line+=" seats afterwards: ${FIG[training.check.after_cancel]}"
    report "$(printf '  %-44s %s' "one cancellation of an ENROLLED seat" "$line")"
    report_start_and_memory training
    local keys=(training.catalogue training.enrol)
    [ "$BENCH_EXTRA" = 1 ] && keys+=(training.search)
    report_wrk_warnings "${keys[@]}"
    if [ "${FIG[training.check.after_load]}" != ok ] || [ "${FIG[training.check.after_cancel]}" != ok ]; then
        report "  WARNING: the seat rules did not hold after the load (see the lines above and the raw log)"
    fi
    report ""
    report_cpu_header
    report_cpu_row training.catalogue "GET catalogue"
    if [ "$BENCH_EXTRA" = 1 ]; then
        report_cpu_row training.search "GET catalogue ?q="
    fi
    report_cpu_row training.enrol "POST enrolment"
    report ""
    local rows=(training.catalogue "GET catalogue")
    if [ "$BENCH_EXTRA" = 1 ]; then
        rows+=(training.search "GET catalogue ?q=")
    fi
    rows+=(training.enrol "POST enrolment")
    report_threads "${rows[@]}"
    report ""
}
