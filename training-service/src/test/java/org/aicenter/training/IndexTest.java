package org.aicenter.training;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.aicenter.platform.paging.PageRequest;
import org.aicenter.platform.persistence.SearchGrams;
import org.aicenter.testing.PostgresResource;
import org.aicenter.testing.QueryPlans;
import org.aicenter.testing.QueryPlans.Plan;
import org.aicenter.training.enrolment.EnrolmentFilter;
import org.aicenter.training.enrolment.EnrolmentService;
import org.aicenter.training.enrolment.EnrolmentStatus;
import org.aicenter.training.programme.Format;
import org.aicenter.training.programme.Level;
import org.aicenter.training.programme.Programme;
import org.aicenter.training.programme.ProgrammeFilter;
import org.aicenter.training.programme.ProgrammeService;
import org.aicenter.training.programme.ProgrammeStatus;
import org.aicenter.training.programme.Topic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.aicenter.testing.partner.PartnerServiceStub;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
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
 * Every filter and sort the lists offer, and every length of {@code q}, is answered from an index: the statements
 * the lists really send, planned by PostgreSQL for their values on 20,000 programmes and 60,000 enrolments (where
 * it reads a table whole for a filter no index serves: the control), read neither table sequentially, and the page
 * reads the index named for it. The other statements (seat counts, the waitlist, the live-email check, certificate
 * lookups) can be answered from an index too: with sequential scans priced out, PostgreSQL still plans each query
 * shape the service sends without one.
 */
@QuarkusTest
@TestProfile(QueryPlans.Profile.class)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PartnerServiceStub.class, scope = TestResourceScope.GLOBAL)
class IndexTest {

    private static final String PROGRAMME = "select * from programmes p ";
    private static final String ENROLMENT = "select * from enrolments e ";
    private static final String ID = "'01a22026-0000-7000-8000-000000000000'";

    static final List<String> TABLES = List.of("programmes", "enrolments");
    static final int PROGRAMMES = 20_000;
    /** Programme 1 has 5,000 people waiting, as the bench's programme does. */
    static final UUID BUSY = programme(1);
    static final UUID HOST = UUID.fromString("01a22026-0000-7000-8000-000000000007");

    static QueryPlans plans;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ProgrammeService programmes;
    @Inject
    EnrolmentService enrolments;

    /** Programme ids as the SQL makes them: md5('programme ' || n)::uuid. */
    static UUID programme(int n) {
        try {
            java.nio.ByteBuffer md5 = java.nio.ByteBuffer.wrap(java.security.MessageDigest.getInstance("MD5")
                    .digest(("programme " + n).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return new UUID(md5.getLong(), md5.getLong());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void load() {
        plans = QueryPlans.load(Arc.container().instance(AgroalDataSource.class).get(), TABLES, """
                insert into programmes (id, version, code, title, description, topic, format, level, language, capacity,
                                        location, status, start_date, end_date, enrolment_deadline, host_partner_id,
                                        created_at, updated_at, created_by, updated_by)
                select md5('programme ' || i)::uuid, 0, 'TRN-' || (2019 + i % 7) || '-' || lpad(i::text, 5, '0'),
                       case when language = 'zh' then topic_zh || kind_zh || '（第' || i || '期）'
                            else topic_en || ' ' || kind_en || ' (cohort ' || i || ')' end,
                       case when language = 'zh' then '本期' || topic_zh || kind_zh || '面向企业工程师。'
                            else 'This ' || lower(kind_en) || ' on ' || lower(topic_en) || ' is for engineers.' end,
                       topic, format, level, language, 20 + i % 41,
                       case when format <> 'ONLINE' then '徐汇区漕河泾 AI 创新中心 3 楼' end, status,
                       start_date, start_date + i % 5, start_date - 7,
                       case when i % 50 = 0 then 'HOST'::uuid end,
                       timestamptz '2019-01-01' + i * interval '151 minutes', timestamptz '2019-01-01' + i * interval '157 minutes',
                       'index-test', 'index-test'
                from (select i, date '2019-01-01' + i % 2700 as start_date,
                             case when i % 10 < 7 then 'zh' else 'en' end as language,
                             (array['AI_FUNDAMENTALS', 'MACHINE_LEARNING', 'DEEP_LEARNING', 'COMPUTER_VISION', 'NLP',
                                    'CLOUD_AI_PLATFORM', 'DATA_ENGINEERING', 'AI_FOR_GOVERNMENT', 'RESPONSIBLE_AI'])[1 + i % 9] as topic,
                             (array['人工智能通识', '机器学习实战', '深度学习', '计算机视觉', '自然语言处理与大模型', '云上人工智能平台',
                                    '数据工程', '人工智能政务应用', '可信与负责任人工智能'])[1 + i % 9] as topic_zh,
                             (array['AI Fundamentals', 'Applied Machine Learning', 'Deep Learning', 'Computer Vision',
                                    'NLP and Large Language Models', 'Cloud AI Platforms', 'Data Engineering', 'AI in Government',
                                    'Responsible AI'])[1 + i % 9] as topic_en,
                             (array['研修班', '训练营', '高级研讨班', '入门课程', '进阶课程', '实战营'])[1 + i / 9 % 6] as kind_zh,
                             (array['Workshop', 'Bootcamp', 'Seminar', 'Course', 'Masterclass', 'Clinic'])[1 + i / 9 % 6] as kind_en,
                             (array['IN_PERSON', 'ONLINE', 'HYBRID'])[1 + i * 7 % 3] as format,
                             (array['BEGINNER', 'INTERMEDIATE', 'ADVANCED'])[1 + i * 11 % 3] as level,
                             case when i * 37 % 100 < 10 then 'DRAFT' when i * 37 % 100 < 25 then 'PUBLISHED'
                                  when i * 37 % 100 < 30 then 'IN_PROGRESS' when i * 37 % 100 < 90 then 'COMPLETED'
                                  else 'CANCELLED' end as status
                      from generate_series(1, COUNT) i) d
                """.replace("COUNT", String.valueOf(PROGRAMMES)).replace("HOST", HOST.toString()), """
                insert into enrolments (id, version, programme_id, participant_name, participant_email, participant_organisation,
                                        participant_partner_id, status, waitlist_position, certificate_code, cancel_token_hash,
                                        created_at, updated_at, created_by, updated_by)
                select md5('enrolment ' || e)::uuid, 0, md5('programme ' || programme)::uuid, '学员' || e,
                       'learner' || e || '@example.cn', '示例公司', case when e % 40 = 0 then 'HOST'::uuid end,
                       status, case when status = 'WAITLISTED' then e end,
                       case when status = 'COMPLETED' then 'CERT-' || lpad(e::text, 14, '0') end, md5('token ' || e) || md5(e::text),
                       timestamptz '2019-01-01' + e * interval '41 minutes', timestamptz '2019-01-01' + e * interval '43 minutes',
                       'index-test', 'index-test'
                from (select e, case when e <= 5000 then 1 else 2 + e % (COUNT - 1) end as programme,
                             case when e <= 5000 then 'WAITLISTED' when e % 5 = 0 then 'CANCELLED' when e % 5 = 1 then 'COMPLETED'
                                  else 'ENROLLED' end as status
                      from generate_series(1, 60000) e) d
                """.replace("COUNT", String.valueOf(PROGRAMMES)).replace("HOST", HOST.toString()));
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
        cases.put("catalogue, no token", programmeList(filter(null, null, null, null, null, null), null, "programmes_status"));
        Map<String, Case> signedIn = new LinkedHashMap<>();
        signedIn.put("status", programmeList(filter(ProgrammeStatus.IN_PROGRESS, null, null, null, null, null), null,
                "programmes_status"));
        signedIn.put("topic", programmeList(filter(null, Topic.NLP, null, null, null, null), null, "programmes_topic",
                "programmes_start_date"));
        signedIn.put("format", programmeList(new ProgrammeFilter(null, null, Format.HYBRID, null, null, null, null, null, null,
                null), null, "programmes_format", "programmes_start_date"));
        signedIn.put("level", programmeList(new ProgrammeFilter(null, null, null, Level.ADVANCED, null, null, null, null, null,
                null), null, "programmes_level", "programmes_start_date"));
        signedIn.put("language", programmeList(filter(null, null, "en", null, null, null), null, "programmes_language",
                "programmes_start_date"));
        signedIn.put("hostPartnerId", programmeList(filter(null, null, null, null, HOST, null), null, "programmes_host_partner"));
        signedIn.put("start range", programmeList(new ProgrammeFilter(null, null, null, null, null, LocalDate.of(2021, 5, 1),
                LocalDate.of(2021, 5, 31), null, null, null), null, "programmes_start_date"));
        signedIn.put("updatedSince", programmeList(filter(null, null, null, null, null,
                Instant.parse("2024-06-01T00:00:00Z")), "updatedAt", "programmes_updated_at"));
        Map<String, String> sorts = Map.of("startDate", "programmes_start_date", "enrolmentDeadline", "programmes_deadline",
                "code", "programmes_code_unique", "title", "programmes_title", "createdAt", "programmes_created_at",
                "updatedAt", "programmes_updated_at");
        sorts.forEach((sort, index) -> {
            signedIn.put("sort " + sort, programmeList(filter(null, null, null, null, null, null), sort, index));
            signedIn.put("sort -" + sort, programmeList(filter(null, null, null, null, null, null), "-" + sort, index));
        });
        for (String rare : List.of("龙", "鲸", "第12345期", "深度学习训练营（第1234", "z", "qx", "trn-2021-1234",
                "deep learning bootcamp (cohort 12")) {
            signedIn.put("q " + rare, programmeList(q(rare), null, "programmes_search"));
        }
        for (String common : List.of("期", "学习", "训练营", "人工智能通识", "e", "ai", "learning", "for engineers")) {
            signedIn.put("q " + common, programmeList(q(common), null, "programmes_search", "programmes_start_date"));
        }
        // its 5,000 are the oldest enrolments: walking them all by date finds them first, as well as the programme's index
        signedIn.put("enrolments of a programme", enrolmentList(new EnrolmentFilter(BUSY, null, null, null, null), null,
                "enrolments_programme_created", "enrolments_created_at"));
        signedIn.put("its waitlist", enrolmentList(new EnrolmentFilter(BUSY, EnrolmentStatus.WAITLISTED, null, null, null),
                "waitlistPosition", "enrolments_programme_status"));
        signedIn.put("enrolments of an email", new Case(() -> enrolments.list(new EnrolmentFilter(null, null,
                "Learner77@example.cn", null, null), PageRequest.of(0, 20), null), "enrolments", List.of("enrolments_email")));
        signedIn.put("enrolments of a partner", new Case(() -> enrolments.list(new EnrolmentFilter(null, null, null, HOST,
                null), PageRequest.of(0, 20), null), "enrolments", List.of("enrolments_partner")));
        signedIn.put("enrolments changed since", new Case(() -> enrolments.list(new EnrolmentFilter(null, null, null, null,
                Instant.parse("2023-09-01T00:00:00Z")), PageRequest.of(0, 20), "updatedAt"), "enrolments",
                List.of("enrolments_updated_at")));

        List<String> failures = new ArrayList<>();
        check(cases, failures);
        signedIn(() -> check(signedIn, failures));
        assertTrue(failures.isEmpty(), String.join("\n\n", failures));
    }

    @Test
    void theTablesAreLargeEnoughThatAFilterWithoutAnIndexReadsThemWhole() {
        List<Plan> sent = plans.of(() -> Programme.count("location", "nowhere"));
        assertFalse(sent.isEmpty());
        assertTrue(sent.get(0).scans("programmes"), "no index on location, yet no sequential scan:\n" + sent.get(0));
    }

    private void check(Map<String, Case> cases, List<String> failures) {
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
            // the page: the first statement on the listed table that orders its rows (a programme's enrolments look
            // the programme up first, a search counts first)
            Plan page = QueryPlans.page(sent, c.table());
            if (c.expected().stream().noneMatch(page.indexes()::contains)) {
                failures.add(name + " reads " + page.indexes() + ", not one of " + c.expected() + ":\n" + page);
            }
        });
    }

    /** Runs {@code work} as a signed-in viewer: without a token the programme list is the published catalogue only. */
    private static void signedIn(Runnable work) {
        CurrentIdentityAssociation identities = Arc.container().instance(CurrentIdentityAssociation.class).get();
        SecurityIdentity before = identities.getIdentity();
        identities.setIdentity(QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("index-test"))
                .addRole("viewer").build());
        try {
            work.run();
        } finally {
            identities.setIdentity(before);
        }
    }

    record Case(Runnable call, String table, List<String> expected) {
    }

    private Case programmeList(ProgrammeFilter filter, String sort, String... expected) {
        return new Case(() -> programmes.list(filter, PageRequest.of(0, 20), sort), "programmes", List.of(expected));
    }

    private Case enrolmentList(EnrolmentFilter filter, String sort, String... expected) {
        return new Case(() -> enrolments.listOfProgramme(filter, PageRequest.of(0, 20), sort), "enrolments", List.of(expected));
    }

    private static ProgrammeFilter filter(ProgrammeStatus status, Topic topic, String language, String q, UUID host,
                                          Instant updatedSince) {
        return new ProgrammeFilter(status, topic, null, null, language, null, null, q, host, updatedSince);
    }

    private static ProgrammeFilter q(String q) {
        return filter(null, null, null, q, null, null);
    }


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
        queries.put("q", PROGRAMME + "where search_grams(lower(p.title), lower(p.code), lower(p.description)) @> '{机器学,器学习}' "
                + "and (lower(p.title) like '%机器学习%' escape '\\' or lower(p.code) like '%机器学习%' escape '\\' "
                + "or lower(p.description) like '%机器学习%' escape '\\') limit 20");
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
