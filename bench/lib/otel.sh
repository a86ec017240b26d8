# otel section of bench/run: what tracing costs. GET a partner by id (random ids, 32 connections,
# viewer token) through the gateway, the path every client's request takes (gateway ->
# partner-service), two ways in one run: tracing off, as by default (no OTLP endpoint: the SDK is
# off), and tracing on (OTEL_EXPORTER_OTLP_ENDPOINT given to the gateway and partner-service: every
# request is traced in both and its spans exported over OTLP/HTTP to a sink, bench/OtlpSink.java,
# that answers 200 and counts). Two pairs of processes on the same database; both pairs are
# warmed up BENCH_WARMUP seconds before either is measured, then measured back to back,
# BENCH_DURATION seconds each.

: "${BENCH_OTEL_PARTNER_PORT:=18085}"   # partner-service with tracing on (off: BENCH_PARTNER_PORT)
: "${BENCH_OTEL_GATEWAY_PORT:=18086}"   # the gateway with tracing on (off: BENCH_GATEWAY_PORT)
: "${BENCH_OTEL_SINK_PORT:=18092}"

OTEL_MODES=(off on)
declare -A OTEL_LABEL=([off]="tracing off (no OTLP endpoint)" [on]="tracing on (every request exported)")
OTEL_SINK_PID=""

otel_sink_start() {
    port_in_use "$BENCH_OTEL_SINK_PORT" && die "port $BENCH_OTEL_SINK_PORT is taken; set BENCH_OTEL_SINK_PORT"
    java -Xmx64m -XX:+UseSerialGC "$BENCH_DIR/OtlpSink.java" "$BENCH_OTEL_SINK_PORT" >"$BENCH_WORK/otlp-sink.log" 2>&1 &
    OTEL_SINK_PID=$!
    CLEANUP_HOOKS+=(otel_sink_stop)
    local t0=$SECONDS
    until curl -fs -o /dev/null --max-time 1 "http://127.0.0.1:$BENCH_OTEL_SINK_PORT/count"; do
        kill -0 "$OTEL_SINK_PID" 2>/dev/null || { OTEL_SINK_PID=""; cat "$BENCH_WORK/otlp-sink.log" >&2; die "the OTLP sink exited while starting"; }
        [ $((SECONDS - t0)) -lt 60 ] || die "the OTLP sink does not answer on port $BENCH_OTEL_SINK_PORT after 60 s"
        sleep 0.1
    done
    log "OTLP sink (pid $OTEL_SINK_PID) on port $BENCH_OTEL_SINK_PORT"
}

otel_sink_stop() {
    [ -n "$OTEL_SINK_PID" ] || return 0
    stop_pid "$OTEL_SINK_PID" "OTLP sink"
    OTEL_SINK_PID=""
}

# "EXPORTS BYTES" the sink has received so far.
otel_sink_count() {
    curl -fs --max-time 5 "http://127.0.0.1:$BENCH_OTEL_SINK_PORT/count" || echo "0 0"
}

otel_measure() {
    build_if_stale "$GATEWAY_JAR" gateway
    partner_prepare
    otel_sink_start
    local on=(OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$BENCH_OTEL_SINK_PORT" OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf)
    partner_start otel-off-partner "" "$BENCH_PARTNER_PORT"
    gateway_start otel-off "$BENCH_GATEWAY_PORT" "http://127.0.0.1:$BENCH_PARTNER_PORT"
    partner_start otel-on-partner "" "$BENCH_OTEL_PARTNER_PORT" "${on[@]}"
    gateway_start otel-on "$BENCH_OTEL_GATEWAY_PORT" "http://127.0.0.1:$BENCH_OTEL_PARTNER_PORT" "${on[@]}"
    declare -gA OTEL_URL=([off]="http://127.0.0.1:$BENCH_GATEWAY_PORT" [on]="http://127.0.0.1:$BENCH_OTEL_GATEWAY_PORT")
    local viewer=${AUTH[viewer]} id_path mode
    id_path=$(head -n 1 "$(partner_get_paths)")

    # The same answer both ways; with tracing on, the request's spans reach the sink (the batch
    # processor sends within 5 s), with it off nothing does.
    for mode in "${OTEL_MODES[@]}"; do
        expect_status 200 GET "${OTEL_URL[$mode]}$id_path" -H "$viewer"
        cp "$BENCH_WORK/check.body" "$BENCH_WORK/check-otel-$mode.body"
    done
    cmp -s "$BENCH_WORK/check-otel-off.body" "$BENCH_WORK/check-otel-on.body" \
        || die "the partner read with tracing on differs from the one read with it off (see $RAW_LOG)"
    local t0=$SECONDS exports
    until exports=$(otel_sink_count | cut -d' ' -f1) && [ "$exports" -gt 0 ]; do
        [ $((SECONDS - t0)) -lt 20 ] || die "tracing on: no spans reached the OTLP sink within 20 s"
        sleep 0.5
    done
    log "tracing on: the first request's spans reached the sink ($exports exports)"

    for mode in "${OTEL_MODES[@]}"; do
        wrk_warmup "otel.$mode" 32 paths.lua "${OTEL_URL[$mode]}" -H "$viewer" -- "$(partner_get_paths)"
    done
    local before after
    for mode in "${OTEL_MODES[@]}"; do
        CPU_EXTRA=([partner]="${SVC_PID[otel-$mode-partner]}" [sink]="$OTEL_SINK_PID")
        [ "$mode" = on ] && before=$(otel_sink_count)
        wrk_run "otel.$mode" "otel-$mode" 32 paths.lua "${OTEL_URL[$mode]}" -H "$viewer" -- "$(partner_get_paths)"
        CPU_EXTRA=()
    done
    # what the on measurement exported: its last spans leave up to 5 s (the batch delay) after it
    sleep 6
    after=$(otel_sink_count)
    FIG[otel.exports]=$(( ${after% *} - ${before% *} ))
    FIG[otel.export_kb]=$(( (${after#* } - ${before#* }) / 1024 ))
    FIG[otel.ratio]=$(ratio "${FIG[otel.on.rps]}" "${FIG[otel.off.rps]}")
    FIG[otel.p99_ratio]=$(ratio "${FIG[otel.on.p99_ms]}" "${FIG[otel.off.p99_ms]}")
    for mode in "${OTEL_MODES[@]}"; do
        service_memory "otel-$mode"
        service_memory "otel-$mode-partner"
        service_stop "otel-$mode"
        service_stop "otel-$mode-partner"
    done
    otel_sink_stop
    log "tracing on / off: ${FIG[otel.ratio]} of the throughput, p99 ${FIG[otel.p99_ratio]} times"
}

otel_report() {
    local mode
    report "otel: GET /api/v1/partners/{id} of random partners through the gateway, 32 connections, viewer token;"
    report "  tracing off and on side by side (on: every request traced in the gateway and partner-service and"
    report "  exported over OTLP/HTTP); each warmed up ${BENCH_WARMUP}s, then measured ${BENCH_DURATION}s"
    report "$(printf '  %-44s %5s %9s %8s %8s %7s' path conns 'req/s' 'p50 ms' 'p99 ms' non-2xx)"
    for mode in "${OTEL_MODES[@]}"; do
        report "$(printf '  %-44s %5s %9s %8s %8s %7s' "${OTEL_LABEL[$mode]}" 32 "${FIG[otel.$mode.rps]}" \
            "${FIG[otel.$mode.p50_ms]}" "${FIG[otel.$mode.p99_ms]}" "${FIG[otel.$mode.non2xx]}")"
    done
    report "$(printf '  %-44s %s' "on / off" "${FIG[otel.ratio]} of the throughput, p99 ${FIG[otel.p99_ratio]} times")"
    report "$(printf '  %-44s %s' "exported during the on measurement" "${FIG[otel.exports]} OTLP requests, ${FIG[otel.export_kb]} KB, for ${FIG[otel.on.requests]} requests")"
    report "$(printf '  %-44s %7s %7s %7s %7s %10s %10s' '' gateway partner sink pg 'gw ms' 'partner ms')"
    for mode in "${OTEL_MODES[@]}"; do
        report "$(printf '  %-44s %7s %7s %7s %7s %10s %10s' "${OTEL_LABEL[$mode]}" "${FIG[otel.$mode.cpu_svc]}" \
            "${FIG[otel.$mode.cpu_partner]}" "${FIG[otel.$mode.cpu_sink]}" "${FIG[otel.$mode.cpu_pg]}" \
            "${FIG[otel.$mode.ms_svc]}" "${FIG[otel.$mode.ms_partner]}")"
    done
    report "$(printf '  %-44s %s' "resident memory after the load (VmRSS)" "off: gateway ${FIG[otel-off.rss_mb]} MB, partner-service ${FIG[otel-off-partner.rss_mb]} MB; on: gateway ${FIG[otel-on.rss_mb]} MB, partner-service ${FIG[otel-on-partner.rss_mb]} MB")"
    for mode in "${OTEL_MODES[@]}"; do
        report_wrk_warnings "otel.$mode"
    done
    report ""
}
