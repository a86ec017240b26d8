package org.aicenter.platform.statistics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts keyed by every value of an enum, 0 where none, so dashboards never guess. */
public final class EnumCounts {

    private EnumCounts() {
    }

    /** {@code rows} are {@code [enumValue, count]} pairs as a JPQL {@code group by} returns them. */
    public static <E extends Enum<E>> Map<String, Long> of(Class<E> type, List<Object[]> rows) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (E value : type.getEnumConstants()) {
            counts.put(value.name(), 0L);
        }
        for (Object[] row : rows) {
            if (row[0] != null) {
                String key = row[0] instanceof Enum<?> e ? e.name() : row[0].toString();
                counts.merge(key, ((Number) row[1]).longValue(), Long::sum);
            }
        }
        return counts;
    }
}
