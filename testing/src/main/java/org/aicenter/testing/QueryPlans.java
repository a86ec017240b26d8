package org.aicenter.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.transaction.NotSupportedException;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.Set;

/**
 * The plans PostgreSQL makes for the statements a service really sends, on tables big enough that it would read
 * them whole if no index served (each service's IndexTest).
 * <p>
 * The tables are copied into a schema of their own with the migrations' indexes (same definitions, same names),
 * filled by SQL, vacuumed and analysed, so no other test ever sees those rows. The service's code then
 * runs in a transaction whose {@code search_path} puts that schema first (and which is rolled back); the
 * statements it executes are recorded with their values by {@link RecordingDriver}, and each SELECT among them is
 * EXPLAINed as it was sent.
 */
public final class QueryPlans implements AutoCloseable {

    public static final String SCHEMA = "plan_check";

    private final DataSource dataSource;

    private QueryPlans(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Copies {@code tables} into the schema, runs {@code fill} there (plain SQL on those names), then makes the
     * tables' indexes on the copies under their own names and vacuums and analyses them.
     */
    public static QueryPlans load(DataSource dataSource, List<String> tables, String... fill) {
        QueryPlans plans = new QueryPlans(dataSource);
        plans.close();
        plans.execute(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("create schema " + SCHEMA);
                List<String> indexes = new ArrayList<>();
                for (String table : tables) {
                    statement.execute("create table " + SCHEMA + "." + table + " (like public." + table
                            + " including defaults including generated including constraints)");
                    try (ResultSet rows = statement.executeQuery("select pg_get_indexdef(indexrelid) from pg_index"
                            + " where indrelid = 'public." + table + "'::regclass")) {
                        while (rows.next()) {
                            indexes.add(rows.getString(1).replace(" ON public." + table + " ", " ON " + SCHEMA + "." + table + " "));
                        }
                    }
                }
                statement.execute("set search_path = " + SCHEMA + ", public");
                try {
                    for (String sql : fill) {
                        statement.execute(sql);
                    }
                    // after the rows, as a bulk load would: faster than keeping every index up to date row by row
                    for (String index : indexes) {
                        statement.execute(index);
                    }
                    for (String table : tables) {
                        statement.execute("vacuum (analyze) " + SCHEMA + "." + table);
                    }
                } finally {
                    statement.execute("reset search_path");
                }
            }
        });
        return plans;
    }

    /** The plans of the SELECT statements that {@code work} sends, run against the copies, as PostgreSQL plans them. */
    public List<Plan> of(Runnable work) {
        TransactionManager transactions = CDI.current().select(TransactionManager.class).get();
        List<Plan> plans = new ArrayList<>();
        try {
            transactions.begin();
            try {
                // within the transaction the pool hands out its one connection: the service's statements run there too
                execute(connection -> {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("set local search_path = " + SCHEMA + ", public");
                    }
                });
                List<String> sent = RecordingDriver.record(work);
                execute(connection -> {
                    for (String sql : sent) {
                        if (sql.regionMatches(true, 0, "select", 0, 6)) {
                            plans.add(explain(connection, sql));
                        }
                    }
                });
            } finally {
                transactions.rollback();
            }
        } catch (NotSupportedException | SystemException e) {
            throw new IllegalStateException(e);
        }
        return plans;
    }

    @Override
    public void close() {
        execute(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("drop schema if exists " + SCHEMA + " cascade");
            }
        });
    }

    private interface Work {
        void on(Connection connection) throws SQLException;
    }

    private void execute(Work work) {
        try (Connection connection = dataSource.getConnection()) {
            work.on(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("plan check setup failed: " + e.getMessage(), e);
        }
    }

    /** EXPLAIN (FORMAT JSON) of {@code sql}, read by PostgreSQL's own JSON functions. */
    private static Plan explain(Connection connection, String sql) throws SQLException {
        String json;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("explain (format json) " + sql)) {
            rows.next();
            json = rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot EXPLAIN " + sql + ": " + e.getMessage(), e);
        }
        Set<String> scanned = new TreeSet<>();
        Set<String> indexes = new TreeSet<>();
        try (PreparedStatement nodes = connection.prepareStatement("""
                select node ->> 'Node Type', node ->> 'Relation Name', node ->> 'Index Name'
                from jsonb_path_query(?::jsonb, 'strict $.**') node
                where jsonb_typeof(node) = 'object' and node ->> 'Node Type' is not null""")) {
            nodes.setString(1, json);
            try (ResultSet rows = nodes.executeQuery()) {
                while (rows.next()) {
                    if ("Seq Scan".equals(rows.getString(1))) {
                        scanned.add(rows.getString(2));
                    }
                    if (rows.getString(3) != null) {
                        indexes.add(rows.getString(3));
                    }
                }
            }
        }
        return new Plan(sql, json, scanned, indexes);
    }

    /**
     * The list's page among the statements {@code sent}: the first on {@code table} that orders its rows and is not
     * the count (a list with a text search counts first, and may then read the page's ids before their rows).
     */
    public static Plan page(List<Plan> sent, String table) {
        return sent.stream()
                .filter(plan -> plan.sql().contains(" from " + table + " ") && plan.sql().contains(" order by ")
                        && !plan.sql().startsWith("select count("))
                .findFirst().orElse(sent.get(0));
    }

    /** One statement as sent, the plan PostgreSQL made for it, the tables it reads whole and the indexes it reads. */
    public record Plan(String sql, String json, Set<String> scanned, Set<String> indexes) {

        /** Whether the plan reads {@code table} sequentially anywhere. */
        public boolean scans(String table) {
            return scanned.contains(table);
        }

        @Override
        public String toString() {
            return sql + "\n" + json;
        }
    }

    /** The test profile that puts {@link RecordingDriver} in front of PostgreSQL's driver (fixed at build time). */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.driver", RecordingDriver.class.getName());
        }
    }

    /** A quick check on literal SQL: the names of {@code queries} (name to SQL, literals only) whose plan still has a Seq Scan, each with its plan. */
    public static List<String> sequentialScans(DataSource dataSource, Map<String, String> queries) throws SQLException {
        List<String> scans = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("set local enable_seqscan = off");
                for (Map.Entry<String, String> query : queries.entrySet()) {
                    StringBuilder plan = new StringBuilder();
                    try (ResultSet rows = statement.executeQuery("explain " + query.getValue())) {
                        while (rows.next()) {
                            plan.append(rows.getString(1)).append('\n');
                        }
                    }
                    if (plan.toString().contains("Seq Scan")) {
                        scans.add(query.getKey() + ":\n" + plan);
                    }
                }
            } finally {
                connection.rollback();
            }
        }
        return scans;
    }
}
