package org.aicenter.platform.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.aicenter.platform.web.Params;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code from}, {@code to} and {@code interval} of a statistics request, checked, and the
 * buckets they make: calendar weeks (Monday first, ISO 8601), months, quarters or years in the
 * center's zone, the first and last clipped to {@code from} and {@code to}, every one present.
 * Counting is done in SQL, grouped by {@link #bucketOfInstant}/{@link #bucketOfDate} over a range
 * of an indexed column, and {@link #count} lays the grouped rows onto the buckets.
 */
public final class TrendPeriod {

    /** A week-long bucket over four years is about 200; anything wider is one request too many. */
    public static final int MAX_BUCKETS = 200;
    /** With an interval alone, the last twelve of them up to today. */
    public static final int DEFAULT_BUCKETS = 12;

    public enum Interval {
        WEEK, MONTH, QUARTER, YEAR;

        /** The unit PostgreSQL's date_trunc takes; Monday-first weeks as in Java's ISO week. */
        String sqlUnit() {
            return name().toLowerCase(Locale.ROOT);
        }

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        LocalDate periodStart(LocalDate date) {
            return switch (this) {
                case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                case MONTH -> date.withDayOfMonth(1);
                case QUARTER -> date.with(IsoFields.DAY_OF_QUARTER, 1);
                case YEAR -> date.withDayOfYear(1);
            };
        }

        LocalDate next(LocalDate periodStart) {
            return switch (this) {
                case WEEK -> periodStart.plusWeeks(1);
                case MONTH -> periodStart.plusMonths(1);
                case QUARTER -> periodStart.plusMonths(3);
                case YEAR -> periodStart.plusYears(1);
            };
        }

        LocalDate minus(LocalDate periodStart, int periods) {
            return switch (this) {
                case WEEK -> periodStart.minusWeeks(periods);
                case MONTH -> periodStart.minusMonths(periods);
                case QUARTER -> periodStart.minusMonths(3L * periods);
                case YEAR -> periodStart.minusYears(periods);
            };
        }
    }

    /** One bucket: {@code start} and {@code end} inclusive, in the center's zone; {@code key} is its period's first day. */
    public record Bucket(LocalDate key, LocalDate start, LocalDate end) {
    }

    private final Interval interval;
    private final LocalDate from;
    private final LocalDate to;
    private final ZoneId zone;
    private final List<Bucket> buckets;

    private TrendPeriod(Interval interval, LocalDate from, LocalDate to, ZoneId zone, List<Bucket> buckets) {
        this.interval = interval;
        this.from = from;
        this.to = to;
        this.zone = zone;
        this.buckets = buckets;
    }

    /**
     * From the raw query parameters; null when none of them is given (no trends asked for). With
     * only {@code interval}, the last {@value #DEFAULT_BUCKETS} periods up to today; with only
     * {@code from} or {@code to} the other end follows the same way. Every bad value is a 400
     * naming its parameter.
     */
    public static TrendPeriod parse(String fromText, String toText, String intervalText, ZoneId zone) {
        LocalDate from = Params.date("from", fromText);
        LocalDate to = Params.date("to", toText);
        boolean hasInterval = intervalText != null && !intervalText.isBlank();
        if (from == null && to == null && !hasInterval) {
            return null;
        }
        if (!hasInterval) {
            throw Params.bad("interval", "is required with from and to: one of week, month, quarter, year");
        }
        Interval interval = parseInterval(intervalText);
        if (to == null) {
            to = from != null && from.isAfter(LocalDate.now(zone)) ? from : LocalDate.now(zone);
        }
        if (from == null) {
            from = interval.minus(interval.periodStart(to), DEFAULT_BUCKETS - 1);
        }
        if (from.isAfter(to)) {
            throw Params.bad("from", "must be on or before to (" + to + ")");
        }
        List<Bucket> buckets = new ArrayList<>();
        for (LocalDate start = interval.periodStart(from); !start.isAfter(to); start = interval.next(start)) {
            if (buckets.size() == MAX_BUCKETS) {
                throw Params.bad("from", "from " + from + " to " + to + " makes more than " + MAX_BUCKETS + " "
                        + interval.value() + " buckets; choose a shorter range or a longer interval");
            }
            LocalDate end = interval.next(start).minusDays(1);
            buckets.add(new Bucket(start, start.isBefore(from) ? from : start, end.isAfter(to) ? to : end));
        }
        return new TrendPeriod(interval, from, to, zone, List.copyOf(buckets));
    }

    private static Interval parseInterval(String text) {
        try {
            return Interval.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Params.bad("interval", "must be one of week, month, quarter, year");
        }
    }

    public Interval interval() {
        return interval;
    }

    public LocalDate from() {
        return from;
    }

    public LocalDate to() {
        return to;
    }

    public ZoneId zone() {
        return zone;
    }

    public List<Bucket> buckets() {
        return buckets;
    }

    /** The first instant of {@code from} in the center's zone: bind as {@code :start}. */
    public Instant startInstant() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after {@code to} in the center's zone: bind as {@code :end} (exclusive). */
    public Instant endInstant() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /**
     * SQL for the bucket key of a timestamptz column: its period's first day in the center's zone.
     * Filter the rows with {@code column >= :start and column < :end} so an index on it serves.
     * Binds {@code :zone}; the unit comes from the enum, never from the request.
     */
    public String bucketOfInstant(String column) {
        return "cast(date_trunc('" + interval.sqlUnit() + "', " + column + " at time zone :zone) as date)";
    }

    /** SQL for the bucket key of a date column (already a date in the center's zone); filter with {@code between :from and :to}. */
    public String bucketOfDate(String column) {
        return "cast(date_trunc('" + interval.sqlUnit() + "', " + column + ") as date)";
    }

    /** Binds whichever of {@code :start}, {@code :end}, {@code :from}, {@code :to} and {@code :zone} the SQL names. */
    public Query bind(Query query, String sql) {
        if (sql.contains(":start")) {
            query.setParameter("start", startInstant());
        }
        if (sql.contains(":end")) {
            query.setParameter("end", endInstant());
        }
        if (sql.contains(":from")) {
            query.setParameter("from", from);
        }
        if (sql.contains(":to")) {
            query.setParameter("to", to);
        }
        if (sql.contains(":zone")) {
            query.setParameter("zone", zone.getId());
        }
        return query;
    }

    /** Runs native SQL whose rows are {@code [bucketKey, ...values]} and keys them by bucket. */
    @SuppressWarnings("unchecked")
    public Map<LocalDate, Object[]> rows(EntityManager em, String sql) {
        Map<LocalDate, Object[]> byKey = new LinkedHashMap<>();
        for (Object row : bind(em.createNativeQuery(sql), sql).getResultList()) {
            Object[] columns = row instanceof Object[] array ? array : new Object[] {row};
            byKey.put(date(columns[0]), columns);
        }
        return byKey;
    }

    /** Counts per bucket from native SQL of {@code [bucketKey, count]} rows, 0 for every bucket without a row. */
    public long[] count(EntityManager em, String sql) {
        Map<LocalDate, Object[]> rows = rows(em, sql);
        long[] counts = new long[buckets.size()];
        for (int i = 0; i < counts.length; i++) {
            Object[] row = rows.get(buckets.get(i).key());
            counts[i] = row == null || row[1] == null ? 0 : ((Number) row[1]).longValue();
        }
        return counts;
    }

    /** One answer object per bucket, in order. */
    public <T> List<T> map(Function<Integer, T> bucketAt) {
        List<T> answers = new ArrayList<>(buckets.size());
        for (int i = 0; i < buckets.size(); i++) {
            answers.add(bucketAt.apply(i));
        }
        return answers;
    }

    public static LocalDate date(Object value) {
        if (value instanceof LocalDate date) {
            return date;
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        return LocalDate.parse(value.toString().substring(0, 10));
    }
}
