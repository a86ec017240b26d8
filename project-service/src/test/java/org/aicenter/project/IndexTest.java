package org.aicenter.project;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.aicenter.testing.partner.PartnerServiceStub;
import org.aicenter.platform.paging.PageRequest;
import org.aicenter.project.project.Project;
import org.aicenter.project.project.ProjectQuery;
import org.aicenter.project.project.ProjectService;
import org.aicenter.project.project.ProjectStatus;
import org.aicenter.project.project.ResearchArea;
import org.aicenter.platform.persistence.SearchGrams;
import org.aicenter.testing.PostgresResource;
import org.aicenter.testing.QueryPlans;
import org.aicenter.testing.QueryPlans.Plan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every filter and sort of the list, and every length of {@code q}, is answered from an index: the statements the
 * list really sends, planned by PostgreSQL for their values on 30,000 projects (where it reads the table whole for a
 * filter no index serves: the control), read no project, participant or tag sequentially, and the page reads the
 * index named for it. The statistics' milestone and budget queries can be answered from an index too: with
 * sequential scans priced out, PostgreSQL's plan for each names it.
 */
@QuarkusTest
@TestProfile(QueryPlans.Profile.class)
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
            Map.entry("select id from projects where search_grams(search_text) @> '{城市大,市大脑}' "
                    + "and search_text like '%城市大脑%'", "projects_search"),
            Map.entry("select id from projects where search_grams(search_text) @> '{gam,amm,mma}' "
                    + "and search_text like '%gamma%'", "projects_search"),
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

    static final List<String> TABLES = List.of("projects", "project_participants", "project_tags");
    static final int PROJECTS = 30_000;
    static final UUID BUSY_PARTNER = partner(7);
    static final UUID RARE_PARTNER = partner(1_999);

    static QueryPlans plans;

    @Inject
    DataSource dataSource;
    @Inject
    ProjectService projects;

    /**
     * Partner ids from a pool of 2,000, as the SQL makes them (md5('partner ' || n)::uuid): partner 7 takes part in
     * a tenth of the projects, 1,999 leads a few and takes part in no other.
     */
    static UUID partner(int n) {
        try {
            java.nio.ByteBuffer md5 = java.nio.ByteBuffer.wrap(java.security.MessageDigest.getInstance("MD5")
                    .digest(("partner " + n).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return new UUID(md5.getLong(), md5.getLong());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void load() {
        plans = QueryPlans.load(Arc.container().instance(AgroalDataSource.class).get(), TABLES, """

                insert into projects (id, code, title, summary, research_area, status, start_date, end_date, budget_amount,
                                      budget_currency, lead_partner_id, version, created_at, updated_at, created_by, updated_by)
                select md5('project ' || i)::uuid, 'AIC-' || (2019 + i % 7) || '-' || lpad(i::text, 5, '0'),
                       case when i % 10 < 7 then topic_zh || scenario_zh || '联合研究' else topic_en || ' for ' || scenario_en end,
                       case when i % 10 < 7 then '面向' || scenario_zh || '的' || topic_zh || '研究与应用示范，第' || i || '号课题。'
                            else 'Joint research on ' || lower(topic_en) || ', applied to ' || lower(scenario_en) || '.' end,
                       area, status, start_date, start_date + 180 + i % 900,
                       case when i % 8 <> 0 then 100000 + i * 37 % 4900000 end, case when i % 8 <> 0 then 'CNY' end,
                       md5('partner ' || i * 7 % 2000)::uuid, 0,
                       timestamptz '2019-01-01' + i * interval '97 minutes', timestamptz '2019-01-01' + i * interval '101 minutes',
                       'index-test', 'index-test'
                from (select i, date '2019-01-01' + i % 2500 as start_date,
                             (array['COMPUTER_VISION', 'NATURAL_LANGUAGE_PROCESSING', 'MACHINE_READING_COMPREHENSION',
                                    'MACHINE_TRANSLATION', 'SPEECH', 'KNOWLEDGE_GRAPH', 'SMART_CITY', 'AI_INFRASTRUCTURE',
                                    'RESPONSIBLE_AI', 'OTHER'])[1 + i % 10] as area,
                             (array['视觉感知', '大模型应用', '机器阅读理解', '机器翻译', '语音识别', '知识图谱', '城市大脑',
                                    '算力调度', '隐私计算', '智慧医疗'])[1 + i % 10] as topic_zh,
                             (array['Visual Perception', 'Language Model Applications', 'Reading Comprehension',
                                    'Machine Translation', 'Speech Recognition', 'Knowledge Graphs', 'City Brain',
                                    'Compute Scheduling', 'Privacy Computing', 'Smart Healthcare'])[1 + i % 10] as topic_en,
                             (array['城市治理', '政务服务', '智慧交通', '社区养老', '基础教育', '医疗健康', '普惠金融',
                                    '先进制造', '能源电力', '文化旅游', '生态环境', '公共安全'])[1 + i / 10 % 12] as scenario_zh,
                             (array['Urban Governance', 'Public Services', 'Smart Transport', 'Elderly Care', 'School Education',
                                    'Healthcare', 'Inclusive Finance', 'Advanced Manufacturing', 'Energy', 'Culture and Tourism',
                                    'Environment', 'Public Safety'])[1 + i / 10 % 12] as scenario_en,
                             case when i * 37 % 100 < 52 then 'COMPLETED' when i * 37 % 100 < 77 then 'ACTIVE'
                                  when i * 37 % 100 < 88 then 'CANCELLED' when i * 37 % 100 < 93 then 'PROPOSED'
                                  when i * 37 % 100 < 97 then 'APPROVED' else 'ON_HOLD' end as status
                      from generate_series(1, COUNT) i) d
                """.replace("COUNT", String.valueOf(PROJECTS)), """
                insert into project_participants (project_id, partner_id, role, position)
                select distinct on (project_id, partner_id) project_id, partner_id,
                       case when k = 0 then 'LEAD' else 'CO_RESEARCHER' end, k
                from (select p.id as project_id, k,
                             case when k = 0 then p.lead_partner_id
                                  when get_byte(decode(md5(p.code), 'hex'), k) % 10 = 0 then md5('partner 7')::uuid
                                  else md5('partner ' || (get_byte(decode(md5(p.code), 'hex'), k) * 7 + k) % 1999)::uuid
                             end as partner_id
                      from projects p cross join lateral generate_series(0, get_byte(decode(md5(p.code), 'hex'), 0) % 3) k) d
                order by project_id, partner_id, k
                """, """
                insert into project_tags (project_id, tag)
                select distinct p.id, (array['vision', 'nlp', 'speech', 'graph', 'city', 'health', 'edge', 'privacy',
                                             'open-source', 'benchmark'])[1 + get_byte(decode(md5(p.code), 'hex'), 8 + k) % 10]
                from projects p cross join lateral generate_series(1, get_byte(decode(md5(p.code), 'hex'), 7) % 4) k
                """);
        // the copies have statistics of their own under the same table names
        SearchGrams.forget();
    }

    @AfterAll
    static void drop() {
        if (plans != null) {
            plans.close();
        }
        SearchGrams.forget();
    }

    @Test
    void everyListFilterSortAndQueryLengthReadsAnIndex() {
        Map<String, Case> cases = new LinkedHashMap<>();
        cases.put("status", list(query(List.of(ProjectStatus.ON_HOLD), List.of(), null, null, null), null,
                "projects_status", "projects_created_at"));
        cases.put("statuses", list(query(List.of(ProjectStatus.ACTIVE, ProjectStatus.ON_HOLD), List.of(), null, null, null),
                null, "projects_status", "projects_created_at"));
        cases.put("researchArea", list(query(List.of(), List.of(ResearchArea.SPEECH), null, null, null), null,
                "projects_research_area", "projects_created_at"));
        cases.put("status & researchArea by -startDate", list(query(List.of(ProjectStatus.ACTIVE),
                List.of(ResearchArea.SMART_CITY), null, null, null), "-startDate",
                "projects_start_date", "projects_status", "projects_research_area"));
        cases.put("partnerId, busy", list(query(List.of(), List.of(), BUSY_PARTNER, null, null), null,
                "project_participants_partner", "projects_created_at"));
        cases.put("partnerId, rare", list(query(List.of(), List.of(), RARE_PARTNER, null, null), null,
                "project_participants_partner"));
        cases.put("tag", list(query(List.of(), List.of(), null, "privacy", null), null,
                "project_tags_tag", "projects_created_at"));
        cases.put("start range", list(new ProjectQuery(List.of(), List.of(), null, null, LocalDate.of(2021, 3, 1),
                LocalDate.of(2021, 3, 31), null, null, null, null), "startDate", "projects_start_date"));
        cases.put("end range", list(new ProjectQuery(List.of(), List.of(), null, null, null, null, LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 1, 31), null, null), "endDate", "projects_end_date"));
        cases.put("updatedSince", list(query(List.of(), List.of(), null, null,
                Instant.parse("2024-10-01T00:00:00Z")), "updatedAt", "projects_updated_at"));
        Map<String, String> sorts = new LinkedHashMap<>();
        sorts.put("code", "projects_code_unique");
        sorts.put("title", "projects_title");
        sorts.put("status", "projects_status");
        sorts.put("researchArea", "projects_research_area");
        sorts.put("startDate", "projects_start_date");
        sorts.put("endDate", "projects_end_date");
        sorts.put("budget", "projects_budget_amount");
        sorts.put("createdAt", "projects_created_at");
        sorts.put("updatedAt", "projects_updated_at");
        sorts.forEach((sort, index) -> {
            cases.put("sort " + sort, list(none(), sort, index));
            cases.put("sort -" + sort, list(none(), "-" + sort, index));
        });
        for (String rare : List.of("龙", "鲸", "第12345号", "城市大脑公共安全", "z", "qx", "aic-2021-1234", "city brain for public")) {
            cases.put("q " + rare, list(q(rare), null, "projects_search"));
        }
        // ("aic" would not do: every code has it, and a q that every project matches is read whole, rightly)
        for (String common : List.of("研", "知识", "城市大脑", "研究与应用示范", "e", "in", "research", "joint research on")) {
            cases.put("q " + common, list(q(common), null, "projects_search", "projects_created_at"));
        }

        List<String> failures = new ArrayList<>();
        cases.forEach((name, c) -> {
            List<Plan> sent = plans.of(c.call());
            if (sent.isEmpty()) {
                failures.add(name + ": no statement was sent");
                return;
            }
            for (Plan plan : sent) {
                for (String table : TABLES) {
                    if (plan.scans(table)) {
                        failures.add(name + " reads " + table + " whole:\n" + plan);
                    }
                }
            }
            // the page (a search counts first)
            Plan page = QueryPlans.page(sent, "projects");
            if (c.expected().stream().noneMatch(page.indexes()::contains)) {
                failures.add(name + " reads " + page.indexes() + ", not one of " + c.expected() + ":\n" + page);
            }
        });
        assertTrue(failures.isEmpty(), String.join("\n\n", failures));
    }

    @Test
    void theTablesAreLargeEnoughThatAFilterWithoutAnIndexReadsThemWhole() {
        List<Plan> sent = plans.of(() -> Project.count("piName", "nobody"));
        assertFalse(sent.isEmpty());
        assertTrue(sent.get(0).scans("projects"), "no index on pi_name, yet no sequential scan:\n" + sent.get(0));
    }

    record Case(Runnable call, List<String> expected) {
    }

    private Case list(ProjectQuery query, String sort, String... expected) {
        return new Case(() -> projects.list(query, PageRequest.of(0, 20), sort), List.of(expected));
    }

    private static ProjectQuery query(List<ProjectStatus> statuses, List<ResearchArea> areas, UUID partnerId, String tag,
                                      Instant updatedSince) {
        return new ProjectQuery(statuses, areas, partnerId, tag, null, null, null, null, null, updatedSince);
    }

    private static ProjectQuery none() {
        return query(List.of(), List.of(), null, null, null);
    }

    private static ProjectQuery q(String q) {
        return new ProjectQuery(List.of(), List.of(), null, null, null, null, null, null, q, null);
    }


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
