package org.aicenter.training;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.aicenter.testing.PostgresResource;
import org.aicenter.testing.partner.PartnerServiceStub;
import org.aicenter.testing.partner.PartnerStub;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.aicenter.training.Fixtures.*;
import static org.hamcrest.Matchers.*;

/** Filters, free text, sorting and paging of the programme list. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PartnerServiceStub.class, scope = TestResourceScope.GLOBAL)
class ProgrammeListTest {

    @Test
    void filtersByEveryField() {
        String marker = "标记" + UUID.randomUUID().toString().substring(0, 6);
        String host = PartnerStub.partner("ACTIVE").toString();
        Map<String, Object> cv = programme(10);
        cv.putAll(Map.of("title", marker + " 计算机视觉实战", "topic", "COMPUTER_VISION", "format", "ONLINE",
                "level", "ADVANCED", "language", "en", "hostPartnerId", host,
                "startDate", today().plusDays(60).toString(), "endDate", today().plusDays(61).toString(),
                "enrolmentDeadline", today().plusDays(50).toString()));
        cv.remove("location");
        String cvId = created(cv)[0];
        Map<String, Object> nlp = with(with(programme(10), "title", marker + " 自然语言处理"), "topic", "NLP");
        String nlpId = published(nlp);

        list(Map.of("q", marker)).body("totalItems", is(2));
        list(Map.of("q", marker, "topic", "COMPUTER_VISION")).body("items.id", contains(cvId));
        list(Map.of("q", marker, "format", "ONLINE")).body("items.id", contains(cvId));
        list(Map.of("q", marker, "level", "ADVANCED")).body("items.id", contains(cvId));
        list(Map.of("q", marker, "language", "en")).body("items.id", contains(cvId));
        list(Map.of("q", marker, "status", "PUBLISHED")).body("items.id", contains(nlpId));
        list(Map.of("hostPartnerId", host)).body("items.id", contains(cvId));
        list(Map.of("q", marker, "startFrom", today().plusDays(40).toString())).body("items.id", contains(cvId));
        list(Map.of("q", marker, "startTo", today().plusDays(40).toString())).body("items.id", contains(nlpId));
        list(Map.of("q", "自然语言")).body("items.id", hasItem(nlpId));
        list(Map.of("q", marker.toUpperCase() + " 计算机")).body("items.id", contains(cvId));
        // q looks at the code too
        String code = as("viewer").get(PROGRAMMES + "/" + cvId).then().extract().path("code");
        list(Map.of("q", code.toLowerCase())).body("items.id", contains(cvId));
        // wildcard characters are text, not patterns
        list(Map.of("q", marker + "%")).body("totalItems", is(0));
    }

    @Test
    void badFiltersAre400NamingTheParameter() {
        badParam("topic", "COOKING");
        badParam("status", "LIVE");
        badParam("language", "de");
        badParam("startFrom", "tomorrow");
        badParam("hostPartnerId", "12");
        badParam("updatedSince", "yesterday");
        badParam("sort", "capacity");
        badParam("size", "0");
        badParam("size", "201");
        badParam("page", "-1");
    }

    private static void badParam(String name, String value) {
        as("viewer").queryParam(name, value).get(PROGRAMMES).then().log().ifValidationFails().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem(name));
    }

    @Test
    void sortsAndPagesWithLinks() {
        String marker = "排序" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 5; i++) {
            Map<String, Object> body = programme(10);
            body.put("title", marker + " " + (char) ('E' - i));
            body.put("startDate", today().plusDays(30 + i).toString());
            body.put("endDate", today().plusDays(40).toString());
            created(body);
        }
        list(Map.of("q", marker, "sort", "title")).body("items.title", contains(marker + " A", marker + " B",
                marker + " C", marker + " D", marker + " E"));
        list(Map.of("q", marker, "sort", "-startDate")).body("items.title[0]", is(marker + " A"));
        list(Map.of("q", marker)).body("items.title[0]", is(marker + " E")); // default: startDate
        as("viewer").queryParam("q", marker).queryParam("size", 2).queryParam("page", 1).queryParam("sort", "title")
                .get(PROGRAMMES).then().statusCode(200)
                .body("items.title", contains(marker + " C", marker + " D"))
                .body("page", is(1)).body("size", is(2)).body("totalItems", is(5)).body("totalPages", is(3))
                .header("Link", containsString("rel=\"next\""));
    }

    @Test
    void updatedSinceSyncsIncrementally() throws InterruptedException {
        String marker = "同步" + UUID.randomUUID().toString().substring(0, 6);
        String[] old = created(with(programme(10), "title", marker + " old"));
        Thread.sleep(20);
        Instant since = Instant.now();
        Thread.sleep(20);
        String fresh = created(with(programme(10), "title", marker + " new"))[0];
        list(Map.of("q", marker, "updatedSince", since.toString(), "sort", "updatedAt")).body("items.id", contains(fresh));
        move(old[0], old[1], "PUBLISHED");
        list(Map.of("q", marker, "updatedSince", since.toString(), "sort", "updatedAt"))
                .body("items.id", contains(fresh, old[0]));
    }

    private static io.restassured.response.ValidatableResponse list(Map<String, ?> query) {
        return as("viewer").queryParams(query).queryParam("size", 200).get(PROGRAMMES).then().log().ifValidationFails()
                .statusCode(200);
    }
}
