package org.aicenter.training;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aicenter.testing.PostgresResource;
import org.aicenter.testing.QueryPlans;
import org.aicenter.testing.partner.PartnerServiceStub;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every filter and sort the lists offer has an index behind it ({@link QueryPlans}). */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PartnerServiceStub.class, scope = TestResourceScope.GLOBAL)
class IndexTest {

    private static final String PROGRAMME = "select * from programmes p ";
    private static final String ENROLMENT = "select * from enrolments e ";
    private static final String ID = "'01a22026-0000-7000-8000-000000000000'";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyListQueryIsServedByAnIndex() throws SQLException {
        Map<String, String> queries = new java.util.LinkedHashMap<>();
        queries.put("catalogue", PROGRAMME + "where p.status = 'PUBLISHED' order by p.start_date, p.id limit 20");
        for (String field : List.of("topic", "format", "level", "language")) {
            queries.put(field, PROGRAMME + "where p." + field + " = 'X' order by p.start_date, p.id limit 20");
        }
        queries.put("hostPartnerId", PROGRAMME + "where p.host_partner_id = " + ID + " order by p.start_date, p.id limit 20");
        queries.put("start range", PROGRAMME + "where p.start_date >= date '2026-01-01' and p.start_date <= date '2026-02-01' "
                + "order by p.start_date, p.id limit 20");
        queries.put("updatedSince", PROGRAMME + "where p.updated_at >= now() order by p.updated_at, p.id limit 20");
        queries.put("q", PROGRAMME + "where lower(p.title) like '%机器学习%' escape '\\' "
                + "or lower(p.code) like '%机器学习%' escape '\\' or lower(p.description) like '%机器学习%' escape '\\' limit 20");
        for (String sort : List.of("title", "code", "created_at", "enrolment_deadline")) {
            queries.put("sort " + sort, PROGRAMME + "order by p." + sort + ", p.id limit 20");
        }
        queries.put("waitlist", ENROLMENT + "where e.programme_id = " + ID + " and e.status = 'WAITLISTED' "
                + "order by e.waitlist_position limit 20");
        queries.put("seat count", "select count(*) from enrolments e where e.programme_id = " + ID
                + " and e.status in ('ENROLLED', 'COMPLETED', 'NO_SHOW')");
        queries.put("live email", ENROLMENT + "where e.programme_id = " + ID + " and lower(e.participant_email) = lower('a@b.cn') "
                + "and e.status in ('ENROLLED', 'WAITLISTED')");
        queries.put("of a programme", ENROLMENT + "where e.programme_id = " + ID + " order by e.created_at, e.id limit 20");
        queries.put("of an email", ENROLMENT + "where lower(e.participant_email) = lower('a@b.cn') order by e.created_at, e.id limit 20");
        queries.put("of a partner", ENROLMENT + "where e.participant_partner_id = " + ID + " order by e.created_at, e.id limit 20");
        queries.put("enrolments updatedSince", ENROLMENT + "where e.updated_at >= now() order by e.updated_at, e.id limit 20");
        queries.put("certificate", ENROLMENT + "where e.certificate_code = 'CERT-0000-0000-0000'");

        // not a list query: no index on location, so the check must see this one scan
        queries.put("control", PROGRAMME + "where p.location = 'x'");

        List<String> scans = QueryPlans.sequentialScans(dataSource, queries);
        assertTrue(scans.size() == 1 && scans.get(0).startsWith("control:"),
                "queries without an index:\n" + String.join("\n", scans));
    }
}
