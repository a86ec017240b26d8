package org.aicenter.systemtests;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Row counts of every table of every service database, read straight from PostgreSQL. */
public final class Tables {

    private Tables() {
    }

    /** {@code database.table -> rows}, for every base table in the public schema of each database. */
    public static Map<String, Long> rowCounts(RunningSystem system) {
        Map<String, Long> counts = new TreeMap<>();
        for (String database : RunningSystem.DATABASES) {
            try (Connection connection = system.connect(database); Statement statement = connection.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery(
                        "select table_name from information_schema.tables where table_schema = 'public'"
                                + " and table_type = 'BASE TABLE' order by table_name")) {
                    while (rows.next()) {
                        tables.add(rows.getString(1));
                    }
                }
                for (String table : tables) {
                    try (ResultSet rows = statement.executeQuery("select count(*) from public.\"" + table.replace("\"", "\"\"") + "\"")) {
                        rows.next();
                        counts.put(database + "." + table, rows.getLong(1));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot count the rows of " + database + ": " + e.getMessage(), e);
            }
        }
        return counts;
    }

    /** The tables whose counts differ, as {@code table: before -> after}. */
    public static List<String> differences(Map<String, Long> before, Map<String, Long> after) {
        List<String> changed = new ArrayList<>();
        TreeMap<String, Long> all = new TreeMap<>(before);
        after.forEach(all::putIfAbsent);
        for (String table : all.keySet()) {
            Long was = before.get(table);
            Long is = after.get(table);
            if (was == null || !was.equals(is)) {
                changed.add(table + ": " + was + " -> " + is);
            }
        }
        return changed;
    }
}
