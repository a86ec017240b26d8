package org.aicenter.partner;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.aicenter.testing.PostgresResource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.aicenter.partner.PartnerFixtures.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class PartnerListTest {

    @Test
    void filtersNarrowTheListAndCombine() {
        String district = unique("区");
        var a = body(unique("甲"));
        a.put("type", "STARTUP");
        a.put("tier", "COMMUNITY");
        a.put("sectors", List.of("HEALTHCARE"));
        a.put("address", Map.of("district", district));
        var b = body(unique("乙"));
        b.put("type", "STARTUP");
        b.put("tier", "CORE");
        b.put("sectors", List.of("FINANCE", "RETAIL"));
        b.put("address", Map.of("district", district));
        var c = body(unique("丙"));
        c.put("type", "UNIVERSITY");
        c.put("address", Map.of("district", district));
        String[] ida = created(a);
        String idb = created(b)[0];
        String idc = created(c)[0];
        move(ida[0], ida[1], "ACTIVE");

        list(Map.of("district", district)).body("totalItems", is(3));
        list(Map.of("district", district, "type", "STARTUP")).body("items.id", containsInAnyOrder(ida[0], idb));
        list(Map.of("district", district, "tier", "CORE")).body("items.id", containsInAnyOrder(idb, idc));
        list(Map.of("district", district, "sector", "RETAIL")).body("items.id", contains(idb));
        list(Map.of("district", district, "status", "ACTIVE")).body("items.id", contains(ida[0]));
        list(Map.of("district", district, "status", "active", "type", "startup")).body("items.id", contains(ida[0]));
        list(Map.of("district", district, "sector", "ENERGY")).body("items", empty()).body("totalItems", is(0));
    }

    @Test
    void pagesCarryTotalsAndLinks() {
        String district = unique("页");
        for (int i = 0; i < 5; i++) {
            var p = body(district + "-" + i);
            p.put("address", Map.of("district", district));
            created(p);
        }
        var first = as("viewer").queryParam("district", district).queryParam("size", 2).queryParam("sort", "name")
                .get(BASE).then().statusCode(200)
                .body("page", is(0)).body("size", is(2)).body("totalItems", is(5)).body("totalPages", is(3))
                .body("totalItemsExact", is(true))
                .header("Link", containsString("rel=\"last\""))
                .body("items.name", contains(district + "-0", district + "-1"))
                .header("Link", containsString("rel=\"next\""))
                .extract();
        assertEquals(List.of(district + "-0", district + "-1"), first.path("items.name"));
        as("viewer").queryParam("district", district).queryParam("size", 2).queryParam("page", 2).queryParam("sort", "name")
                .get(BASE).then().statusCode(200).body("items.name", contains(district + "-4"))
                .header("Link", allOf(containsString("rel=\"prev\""), not(containsString("rel=\"next\""))));
        as("viewer").queryParam("district", district).queryParam("size", 2).queryParam("page", 7)
                .get(BASE).then().statusCode(200).body("items", empty()).body("totalItems", is(5));
        as("viewer").queryParam("district", district).queryParam("sort", "-name").queryParam("size", 1)
                .get(BASE).then().body("items[0].name", is(district + "-4"));
    }

    @Test
    void pagingAndSortOutsideTheirBoundsAre400() {
        for (var params : List.of(Map.of("size", "0"), Map.of("size", "201"), Map.of("page", "-1"),
                Map.of("size", "abc"), Map.of("page", "1e9"), Map.of("sort", "password"),
                Map.of("sort", "name;drop table partners"), Map.of("type", "SPACESHIP"),
                Map.of("updatedSince", "yesterday"))) {
            as("viewer").queryParams(params).get(BASE).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", is(params.keySet().iterator().next()));
        }
        as("viewer").queryParam("size", 200).get(BASE).then().statusCode(200).body("size", is(200));
        as("viewer").get(BASE).then().statusCode(200).body("size", is(20)).body("page", is(0));
    }

    @Test
    void updatedSinceReturnsOnlyLaterChanges() throws InterruptedException {
        String district = unique("同步");
        var older = body(unique("旧"));
        older.put("address", Map.of("district", district));
        created(older);
        Thread.sleep(5);
        Instant cut = Instant.now();
        Thread.sleep(5);
        var newer = body(unique("新"));
        newer.put("address", Map.of("district", district));
        String id = created(newer)[0];
        as("viewer").queryParam("district", district).queryParam("updatedSince", cut.toString()).queryParam("sort", "updatedAt")
                .get(BASE).then().statusCode(200).body("items.id", contains(id));
    }

    @Test
    void statisticsCountEveryEnumValue() {
        var before = as("viewer").get(BASE + "/statistics").then().statusCode(200)
                .body("byType.keySet()", containsInAnyOrder("GOVERNMENT_AGENCY", "STATE_OWNED_ENTERPRISE", "PRIVATE_ENTERPRISE",
                        "STARTUP", "UNIVERSITY", "RESEARCH_INSTITUTE", "NON_PROFIT"))
                .body("byStatus.keySet()", containsInAnyOrder("PROSPECT", "ACTIVE", "SUSPENDED", "ENDED"))
                .body("bySector.keySet()", hasSize(10))
                .body("byTier.keySet()", containsInAnyOrder("STRATEGIC", "CORE", "COMMUNITY"))
                .extract();
        var a = body(unique("统计甲"));
        a.put("type", "NON_PROFIT");
        a.put("tier", "STRATEGIC");
        a.put("sectors", List.of("ENERGY", "OTHER"));
        var b = body(unique("统计乙"));
        b.put("type", "NON_PROFIT");
        b.put("sectors", List.of("ENERGY"));
        String[] pa = created(a);
        created(b);
        move(pa[0], pa[1], "ACTIVE");
        var after = as("viewer").get(BASE + "/statistics").then().statusCode(200).extract();
        assertEquals(before.<Integer>path("total") + 2, (int) after.<Integer>path("total"));
        assertEquals(before.<Integer>path("byType.NON_PROFIT") + 2, (int) after.<Integer>path("byType.NON_PROFIT"));
        assertEquals(before.<Integer>path("bySector.ENERGY") + 2, (int) after.<Integer>path("bySector.ENERGY"));
        assertEquals(before.<Integer>path("bySector.OTHER") + 1, (int) after.<Integer>path("bySector.OTHER"));
        assertEquals(before.<Integer>path("byTier.STRATEGIC") + 1, (int) after.<Integer>path("byTier.STRATEGIC"));
        assertEquals(before.<Integer>path("byStatus.ACTIVE") + 1, (int) after.<Integer>path("byStatus.ACTIVE"));
        assertEquals(before.<Integer>path("byStatus.PROSPECT") + 1, (int) after.<Integer>path("byStatus.PROSPECT"));
    }

    @Test
    void absentValuesSortLastAscendingAndFirstDescendingAsTheContractSays() {
        String district = unique("空");
        var joined = body(unique("甲"));
        joined.put("address", Map.of("district", district));
        var prospect = body(unique("乙"));
        prospect.put("address", Map.of("district", district));
        prospect.put("nameEn", null);
        String[] a = created(joined);
        String b = created(prospect)[0];
        move(a[0], a[1], "ACTIVE");

        list(Map.of("district", district, "sort", "joinedOn")).body("items.id", contains(a[0], b));
        list(Map.of("district", district, "sort", "-joinedOn")).body("items.id", contains(b, a[0]));
        list(Map.of("district", district, "sort", "nameEn")).body("items.id", contains(a[0], b));
        list(Map.of("district", district, "sort", "-nameEn")).body("items.id", contains(b, a[0]));
    }

    private static io.restassured.response.ValidatableResponse list(Map<String, String> params) {
        return as("viewer").queryParams(params).get(BASE).then().statusCode(200);
    }
}
