package org.aicenter.project;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aicenter.testing.partner.PartnerServiceStub;
import org.aicenter.testing.PostgresResource;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every filter and sort of the list, and the statistics' milestone queries, can be answered from
 * an index: with sequential scans priced out, PostgreSQL's plan for each predicate names the index.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PartnerServiceStub.class, scope = TestResourceScope.GLOBAL)
class IndexTest {

    static final Map<String, String> PLANS = Map.ofEntries(
            Map.entry("select id from projects where status in ('ACTIVE', 'ON_HOLD')", "projects_status"),
            Map.entry("select id from projects where research_area = 'SPEECH'", "projects_research_area"),
            Map.entry("select project_id from project_participants where partner_id = gen_random_uuid()",
                    "project_participants_partner"),
            Map.entry("select project_id from project_tags where tag = 'vision'", "project_tags_tag"),
            Map.entry("select id from projects where start_date between '2026-01-01' and '2026-06-30'", "projects_start_date"),
            Map.entry("select id from projects where end_date >= '2027-01-01'", "projects_end_date"),
            Map.entry("select id from projects where search_text like '%城市大脑%'", "projects_search"),
            Map.entry("select id from projects where search_text like '%gamma%'", "projects_search"),
            Map.entry("select id from projects where updated_at >= now() - interval '1 day'", "projects_updated_at"),
            Map.entry("select id from projects order by code, id limit 20", "projects_code_unique"),
            Map.entry("select id from projects order by title, id limit 20", "projects_title"),
            Map.entry("select id from projects order by created_at desc, id limit 20", "projects_created_at"),
            Map.entry("select id from projects order by budget_amount, id limit 20", "projects_budget_amount"),
            Map.entry("select id from projects order by start_date, id limit 20", "projects_start_date"),
            Map.entry("select id from project_milestones where status in ('PLANNED', 'IN_PROGRESS') "
                    + "and due_date < current_date", "project_milestones_open_due"),
            Map.entry("select budget_currency, sum(budget_amount) from projects where budget_amount is not null "
                    + "group by budget_currency", "projects_budget"));

    @Inject
    DataSource dataSource;

    @Test
    void eachFilterSortAndStatisticHasAnIndex() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("set enable_seqscan = off");
            for (Map.Entry<String, String> query : PLANS.entrySet()) {
                StringBuilder plan = new StringBuilder();
                try (ResultSet rows = statement.executeQuery("explain " + query.getKey())) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
                assertTrue(plan.toString().contains(query.getValue()),
                        query.getKey() + " does not use " + query.getValue() + ":\n" + plan);
            }
            statement.execute("reset enable_seqscan");
        }
    }
}
