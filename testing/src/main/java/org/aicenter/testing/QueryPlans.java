package org.aicenter.testing;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which queries PostgreSQL can only answer by scanning a table: each is explained with
 * sequential scans priced out, so a plan that still has one has no index to use. (On a test's
 * small tables the planner would often scan anyway; what matters is that it does not have to.)
 */
public final class QueryPlans {

    private QueryPlans() {
    }

    /** The names of {@code queries} (name to SQL, literals only) whose plan still has a Seq Scan, each with its plan. */
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
