package org.aicenter.partner;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.aicenter.platform.paging.Page;
import org.aicenter.platform.paging.PageRequest;
import org.aicenter.platform.persistence.Listing;
import org.aicenter.platform.persistence.SearchGrams;
import org.aicenter.testing.PostgresResource;
import org.aicenter.testing.QueryPlans;
import org.aicenter.testing.QueryPlans.Plan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every filter, every sort and every length of {@code q} (one, two, three and more characters, Chinese and English,
 * common and rare) is answered from an index: the statements the list really sends, planned by PostgreSQL for their
 * values on 60,000 partners (where it reads the table whole for a filter no index serves: the control below), read
 * no partner sequentially, and the page reads the index named for it. A rare q must come from the gram index: the
 * name index walked in order would read every partner to find none.
 */
@QuarkusTest
@TestProfile(QueryPlans.Profile.class)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class IndexTest {

    static final int PARTNERS = 60_000;
    // 50 characters of trade names: three of them name each partner, so the names are unique
    static final String CHARS = "华新创智联信达科源恒泰瑞宏博睿云海天中东方星光明安正通汇德盛和鑫嘉锐卓远航启晨思图数灵越峰誉弘逸腾立";
    static final String PINYIN = "hua,xin,chuang,zhi,lian,xin,da,ke,yuan,heng,tai,rui,hong,bo,rui,yun,hai,tian,zhong,dong,fang,"
            + "xing,guang,ming,an,zheng,tong,hui,de,sheng,he,xin,jia,rui,zhuo,yuan,hang,qi,chen,si,tu,shu,ling,yue,feng,yu,hong,yi,teng,li";

    static QueryPlans plans;

    @Inject
    PartnerService partners;

    @BeforeAll
    static void load() {
        String sectors = "array['SMART_CITY','MANUFACTURING','HEALTHCARE','FINANCE','EDUCATION','TRANSPORTATION','ENERGY',"
                + "'RETAIL','PUBLIC_SERVICES','OTHER']";
        plans = QueryPlans.load(Arc.container().instance(AgroalDataSource.class).get(), List.of("partners"), """
                insert into partners (id, version, name, name_en, type, website, district, city, country, tier, status,
                                      joined_on, created_at, updated_at, created_by, updated_by, sectors)
                select gen_random_uuid(), 0, city || trade || form,
                       case when i % 5 = 0 then null else city_en || ' ' || trade_en || ' ' || form_en end,
                       type, 'https://www.example.cn/' || i, district, city, 'CN', tier, status,
                       case when status <> 'PROSPECT' then date '2019-01-01' + i % 2500 end,
                       timestamptz '2019-01-01' + i * interval '47 minutes', timestamptz '2019-01-01' + i * interval '49 minutes',
                       'index-test', 'index-test',
                       array(select distinct unnest(array[(SECTORS)[1 + i % 10], (SECTORS)[1 + (i / 2 * 3 + i % 2) % 10]]) order by 1)
                from (select i,
                             (array['上海', '上海', '上海', '北京', '杭州'])[1 + i % 5] as city,
                             (array['Shanghai', 'Shanghai', 'Shanghai', 'Beijing', 'Hangzhou'])[1 + i % 5] as city_en,
                             substr('CHARS', 1 + i % 50, 1) || substr('CHARS', 1 + i / 50 % 50, 1)
                                 || substr('CHARS', 1 + i / 2500 % 50, 1) as trade,
                             initcap(p[1 + i % 50]) || p[1 + i / 50 % 50] || p[1 + i / 2500 % 50] as trade_en,
                             (array['智能科技有限公司', '信息技术有限公司', '人工智能研究院', '大学', '产业促进中心'])[1 + i * 7 % 5] as form,
                             (array['Intelligent Technology Co., Ltd.', 'Information Technology Co., Ltd.',
                                    'Institute of Artificial Intelligence', 'University', 'Industry Promotion Center'])[1 + i * 7 % 5] as form_en,
                             (array['PRIVATE_ENTERPRISE', 'PRIVATE_ENTERPRISE', 'PRIVATE_ENTERPRISE', 'STARTUP', 'STARTUP',
                                    'STATE_OWNED_ENTERPRISE', 'UNIVERSITY', 'RESEARCH_INSTITUTE', 'GOVERNMENT_AGENCY',
                                    'NON_PROFIT'])[1 + i * 13 % 10] as type,
                             case when i * 37 % 100 < 55 then 'ACTIVE' when i * 37 % 100 < 75 then 'PROSPECT'
                                  when i * 37 % 100 < 85 then 'SUSPENDED' else 'ENDED' end as status,
                             case when i * 53 % 100 < 5 then 'STRATEGIC' when i * 53 % 100 < 35 then 'CORE' else 'COMMUNITY' end as tier,
                             (array['黄浦区', '徐汇区', '长宁区', '静安区', '普陀区', '虹口区', '杨浦区', '闵行区', '宝山区', '嘉定区',
                                    '浦东新区', '金山区', '松江区', '青浦区', '奉贤区', '崇明区'])[1 + i * 11 % 16] as district
                      from generate_series(1, COUNT) i, string_to_array('PINYIN', ',') p) d
                """.replace("SECTORS", sectors).replace("CHARS", CHARS).replace("PINYIN", PINYIN)
                .replace("COUNT", String.valueOf(PARTNERS)));
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
    void everyFilterSortAndQueryLengthReadsAnIndex() {
        Map<String, Case> cases = new LinkedHashMap<>();
        cases.put("type", list(filter(PartnerType.UNIVERSITY, null, null, null, null, null, null), null, "partners_type"));
        cases.put("status", list(filter(null, PartnerStatus.SUSPENDED, null, null, null, null, null), null, "partners_status"));
        cases.put("sector", list(filter(null, null, Sector.HEALTHCARE, null, null, null, null), null,
                "partners_sectors", "partners_name"));
        cases.put("tier", list(filter(null, null, null, Tier.STRATEGIC, null, null, null), null, "partners_tier"));
        cases.put("district", list(filter(null, null, null, null, "徐汇区", null, null), null, "partners_district"));
        cases.put("updatedSince", list(filter(null, null, null, null, null, null,
                Instant.parse("2019-01-01T00:00:00Z").plus(49L * PARTNERS - 49 * 500, ChronoUnit.MINUTES)),
                "updatedAt", "partners_updated_at"));
        cases.put("type & status", list(filter(PartnerType.STARTUP, PartnerStatus.ACTIVE, null, null, null, null, null), null,
                "partners_type_status_name"));
        cases.put("type & sector & status", list(filter(PartnerType.STARTUP, PartnerStatus.ACTIVE, Sector.FINANCE, null,
                null, null, null), null, "partners_type_status_name"));
        // a filter whose rows sit at one end of the sort's index has an index of the pair (V8)
        cases.put("status & sort -joinedOn", list(filter(null, PartnerStatus.SUSPENDED, null, null, null, null, null), "-joinedOn",
                "partners_status_joined_on"));
        cases.put("district & sort nameEn", list(filter(null, null, null, null, "徐汇区", null, null), "nameEn",
                "partners_district_name_en"));
        for (String sort : List.of("name", "-name")) {
            cases.put("sort " + sort, list(none(), sort, "partners_name"));
        }
        for (String sort : List.of("nameEn", "-nameEn")) {
            cases.put("sort " + sort, list(none(), sort, "partners_name_en"));
        }
        for (String field : List.of("type", "tier", "status")) {
            cases.put("sort " + field, list(none(), field, "partners_" + field));
            cases.put("sort -" + field, list(none(), "-" + field, "partners_" + field));
        }
        for (String field : List.of("joinedOn", "createdAt", "updatedAt")) {
            String index = "partners_" + field.replaceAll("([A-Z])", "_$1").toLowerCase();
            cases.put("sort " + field, list(none(), field, index));
            cases.put("sort -" + field, list(none(), "-" + field, index));
        }
        // q: rare ones from the gram index alone; common ones may walk the name index, which soon finds 20
        for (String rare : List.of("龙", "星光", "明安正", "上海星光明智能", "w", "ax", "xingguang", "guangming intelligent")) {
            cases.put("q " + rare, list(q(rare), null, "partners_search"));
        }
        for (String common : List.of("上", "科技", "上海中", "人工智能研究院", "a", "te", "shanghai", "technology co")) {
            cases.put("q " + common, list(q(common), null, "partners_search", "partners_name"));
        }

        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Case> entry : cases.entrySet()) {
            List<Plan> sent = plans.of(entry.getValue().call());
            if (sent.isEmpty()) {
                failures.add(entry.getKey() + ": no statement was sent");
            }
            for (Plan plan : sent) {
                if (plan.scans("partners")) {
                    failures.add(entry.getKey() + " reads the partners table whole:\n" + plan);
                }
            }
            if (sent.isEmpty()) {
                continue;
            }
            Plan page = QueryPlans.page(sent, "partners");
            if (entry.getValue().expected().stream().noneMatch(page.indexes()::contains)) {
                failures.add(entry.getKey() + " reads " + page.indexes() + ", not one of " + entry.getValue().expected()
                        + ":\n" + page);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n\n", failures));
    }

    @Test
    void aBroadListStopsCountingAtTheLimitAndReadsAnIndexToCount() {
        int limit = Listing.countLimit();
        for (PartnerFilter broad : List.of(q("上"), q("科技"), q("technology"), filter(null, PartnerStatus.ACTIVE, null, null,
                null, null, null), filter(null, null, Sector.HEALTHCARE, null, null, null, null))) {
            Listed listed = listed(broad, PageRequest.of(0, 20));
            Page<PartnerView> page = listed.page();
            List<Plan> sent = listed.sent();
            assertEquals(20, page.items().size(), broad.toString());
            assertEquals(limit, page.totalItems(), broad + " counts past the limit");
            assertFalse(page.totalItemsExact(), broad + " says its total is exact");
            List<Plan> counts = sent.stream().filter(plan -> plan.sql().startsWith("select count(")).toList();
            assertEquals(1, counts.size(), broad + ": one count among\n" + sent);
            assertFalse(counts.get(0).scans("partners"), broad + " counts from the table read whole:\n" + counts.get(0));
        }
        // past the limit the count goes one row past the page, so that the page knows a next one follows
        Page<PartnerView> deep = listed(q("上"), PageRequest.of(limit / 20 + 10, 20)).page();
        assertEquals(20, deep.items().size());
        assertEquals((limit / 20 + 11) * 20 + 1, deep.totalItems());
        assertFalse(deep.totalItemsExact());
        // a narrow one counts exactly, also when its first page is full
        Page<PartnerView> narrow = listed(q("星光"), PageRequest.of(0, 5)).page();
        assertEquals(5, narrow.items().size());
        assertTrue(narrow.totalItemsExact());
        assertTrue(narrow.totalItems() > 5 && narrow.totalItems() < limit, String.valueOf(narrow.totalItems()));
    }

    @Test
    void aQManyPartnersHoldWalksTheNameIndexAloneAndFindsTheSameRowsInNameOrder() {
        for (String common : List.of("上", "科技", "technology")) {
            Listed listed = listed(q(common), PageRequest.of(0, 20));
            Plan page = QueryPlans.page(listed.sent(), "partners");
            assertTrue(page.indexes().contains("partners_name") && page.json().contains("\"Index Only Scan\""),
                    common + ": the page walks the name index and reads no partner it passes over:\n" + page);
            List<PartnerView> items = listed.page().items();
            for (PartnerView partner : items) {
                assertTrue(partner.name().toLowerCase().contains(common)
                        || (partner.nameEn() != null && partner.nameEn().toLowerCase().contains(common)), partner + " holds " + common);
            }
            // the same 20 as the plainest statement of the rule gives
            assertEquals(holders(common, 0), items.stream().map(PartnerView::id).toList(), common + ": the first 20 in name order");
            if (!common.equals("technology")) {
                // a q of one gram that many hold is counted by a walk too, from the name index's far end
                Plan count = listed.sent().stream().filter(plan -> plan.sql().startsWith("select count(")).findFirst().orElseThrow();
                assertTrue(count.indexes().contains("partners_name") && count.json().contains("\"Scan Direction\": \"Backward\""),
                        common + ": the count walks the name index backward:\n" + count);
            }
        }
        // a q few hold takes its rows from the gram index
        Listed rare = listed(q("guangming intelligent"), PageRequest.of(0, 20));
        Plan page = QueryPlans.page(rare.sent(), "partners");
        assertTrue(page.indexes().contains("partners_search"), page.toString());
    }

    @Test
    void aQAFewThousandHoldTakesItsPageFromTheGramIndexHoweverManyTheCountFinds() {
        // 和 sits in the first two characters of the trade names (about 2,400 partners, 4 %): more than the count's
        // limit, few enough to sort, although one character that 2 % of the partners hold is otherwise walked. One
        // statement reads the candidates once: the page's ids and how many hold q
        Listed listed = listed(q("和"), PageRequest.of(1, 20));
        assertEquals(Listing.countLimit(), listed.page().totalItems());
        assertFalse(listed.page().totalItemsExact());
        assertTrue(listed.sent().stream().noneMatch(plan -> plan.sql().startsWith("select count(")), listed.sent().toString());
        Plan page = QueryPlans.page(listed.sent(), "partners");
        assertTrue(page.sql().startsWith("select p1_0.id,count(*) over() from") && page.indexes().contains("partners_search"),
                "the page's ids and the total from the gram index:\n" + page);
        assertEquals(holders("和", 20), listed.page().items().stream().map(PartnerView::id).toList(), "the second 20 in name order");
        // a page past the last holder is empty and still tells the total, counted from the gram index (as far as
        // one row past the page: all of them, exactly)
        Listed past = listed(q("和"), PageRequest.of(1_000, 20));
        assertTrue(past.page().items().isEmpty());
        List<Long> held = new ArrayList<>();
        plans.of(() -> held.add(Partner.getEntityManager().createQuery("select count(*) from Partner p"
                + " where lower(p.name) like '%和%' or lower(p.nameEn) like '%和%'", Long.class).getSingleResult()));
        assertEquals(held.get(0), past.page().totalItems());
        assertTrue(past.page().totalItemsExact());
        Plan count = past.sent().stream().filter(plan -> plan.sql().startsWith("select count(")).findFirst().orElseThrow();
        assertTrue(count.indexes().contains("partners_search"), "counted from the gram index:\n" + count);
    }

    /**
     * The 20 partners from {@code offset} on whose names hold {@code q}, in name order, as the plainest statement of
     * the rule gives them (it reads the table whole, which is fine here).
     */
    private static List<UUID> holders(String q, int offset) {
        List<UUID> ids = new ArrayList<>();
        plans.of(() -> ids.addAll(Partner.getEntityManager().createQuery("select p.id from Partner p"
                        + " where lower(p.name) like :q or lower(p.nameEn) like :q order by lower(p.name), p.id", UUID.class)
                .setParameter("q", "%" + q + "%").setFirstResult(offset).setMaxResults(20).getResultList()));
        return ids;
    }

    /** A page of the 60,000 partners and the plans of the statements it sent. */
    record Listed(Page<PartnerView> page, List<Plan> sent) {
    }

    /** A page of the 60,000 partners (they are in the plans' schema, which only {@code plans.of} reads). */
    private Listed listed(PartnerFilter filter, PageRequest page) {
        List<Page<PartnerView>> pages = new ArrayList<>();
        List<Plan> sent = plans.of(() -> pages.add(partners.list(filter, page, null)));
        return new Listed(pages.get(0), sent);
    }

    @Test
    void theTableIsLargeEnoughThatAFilterWithoutAnIndexReadsItWhole() {
        List<Plan> sent = plans.of(() -> Partner.count("website", "https://www.example.cn/7"));
        assertFalse(sent.isEmpty());
        assertTrue(sent.get(0).scans("partners"), "no index on website, yet no sequential scan:\n" + sent.get(0));
    }

    record Case(Runnable call, List<String> expected) {
    }

    private Case list(PartnerFilter filter, String sort, String... expected) {
        return new Case(() -> partners.list(filter, PageRequest.of(0, 20), sort), List.of(expected));
    }

    private static PartnerFilter filter(PartnerType type, PartnerStatus status, Sector sector, Tier tier, String district,
                                        String q, Instant updatedSince) {
        return new PartnerFilter(type, status, sector, tier, district, q, updatedSince);
    }

    private static PartnerFilter none() {
        return filter(null, null, null, null, null, null, null);
    }

    private static PartnerFilter q(String q) {
        return filter(null, null, null, null, null, q, null);
    }
}
