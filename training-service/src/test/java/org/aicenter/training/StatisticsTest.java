package org.aicenter.training;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.aicenter.testing.PostgresResource;
import org.aicenter.testing.partner.PartnerServiceStub;
import org.aicenter.testing.partner.PartnerStub;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.aicenter.training.Fixtures.*;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Dashboard figures: every enum value present, seats, waitlists and completion rates. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PartnerServiceStub.class, scope = TestResourceScope.GLOBAL)
class StatisticsTest {

    @Test
    void everyEnumValueIsPresent() {
        as("viewer").get(PROGRAMMES + "/statistics").then().statusCode(200)
                .body("byStatus.keySet()", containsInAnyOrder("DRAFT", "PUBLISHED", "IN_PROGRESS", "COMPLETED", "CANCELLED"))
                .body("byTopic.keySet()", containsInAnyOrder("AI_FUNDAMENTALS", "MACHINE_LEARNING", "DEEP_LEARNING",
                        "COMPUTER_VISION", "NLP", "CLOUD_AI_PLATFORM", "DATA_ENGINEERING", "AI_FOR_GOVERNMENT", "RESPONSIBLE_AI"))
                .body("byFormat.keySet()", containsInAnyOrder("IN_PERSON", "ONLINE", "HYBRID"))
                .body("byLevel.keySet()", containsInAnyOrder("BEGINNER", "INTERMEDIATE", "ADVANCED"))
                .body("byLanguage.keySet()", containsInAnyOrder("zh", "en"))
                .body("enrolmentsByStatus.keySet()", containsInAnyOrder("ENROLLED", "WAITLISTED", "CANCELLED",
                        "COMPLETED", "NO_SHOW"));
    }

    @Test
    void seatsWaitlistsAndCompletionRates() {
        JsonPath before = stats();
        String partner = PartnerStub.partner("ACTIVE").toString();
        String[] p = created(programme(3));
        String etag = move(p[0], p[1], "PUBLISHED");
        String a = enrolledWith(p[0], partner);
        String b = enrolledWith(p[0], partner);
        String c = enrolledWith(p[0], null);
        enrolledWith(p[0], partner); // waitlisted
        enrolledWith(p[0], null);    // waitlisted

        JsonPath open = stats();
        assertEquals(before.getLong("seats.capacity") + 3, open.getLong("seats.capacity"));
        assertEquals(before.getLong("seats.taken") + 3, open.getLong("seats.taken"));
        assertEquals(before.getLong("seats.waitlisted") + 2, open.getLong("seats.waitlisted"));
        assertEquals(before.getLong("byStatus.PUBLISHED") + 1, open.getLong("byStatus.PUBLISHED"));
        Map<String, Object> figures = programmeFigures(open, p[0]);
        assertEquals(3, figures.get("taken"));
        assertEquals(0, figures.get("free"));
        assertEquals(2, figures.get("waitlisted"));
        assertNull(figures.get("completionRate"), "no rate before the programme starts");

        move(p[0], etag, "IN_PROGRESS");
        moveEnrolment(p[0], a, "COMPLETED");
        moveEnrolment(p[0], b, "NO_SHOW");
        moveEnrolment(p[0], c, "COMPLETED");
        JsonPath running = stats();
        figures = programmeFigures(running, p[0]);
        assertEquals(2, figures.get("completed"));
        assertEquals(1, figures.get("noShow"));
        assertEquals(0.6667f, ((Number) figures.get("completionRate")).floatValue(), 0.0001);
        Map<String, Object> org = all(PROGRAMMES + "/statistics/partners").stream()
                .filter(f -> partner.equals(f.get("partnerId"))).findFirst().orElseThrow();
        assertEquals(3, org.get("enrolments"));
        assertEquals(1, org.get("completed"));
        assertEquals(1, org.get("noShow"));
        assertEquals(0.5f, ((Number) org.get("completionRate")).floatValue(), 0.0001);
    }

    private static String enrolledWith(String programme, String partnerId) {
        return coordinator().body(participant(email("stat"), partnerId)).post(enrolments(programme)).then()
                .statusCode(201).extract().path("id");
    }

    private static JsonPath stats() {
        return as("viewer").get(PROGRAMMES + "/statistics").then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> programmeFigures(JsonPath stats, String id) {
        return all(PROGRAMMES + "/statistics/programmes").stream().filter(f -> id.equals(f.get("id"))).findFirst().orElseThrow();
    }

    @Test
    void theCenterWideCompletionRateIsComputedOverEveryStartedProgramme() {
        String[] p = created(programme(4));
        String etag = move(p[0], p[1], "PUBLISHED");
        String a = enrolledWith(p[0], null);
        enrolledWith(p[0], null);
        String c = enrolledWith(p[0], null);
        move(p[0], etag, "IN_PROGRESS");
        moveEnrolment(p[0], a, "COMPLETED");
        moveEnrolment(p[0], c, "NO_SHOW");
        long completed = 0;
        long taken = 0;
        for (Map<String, Object> figures : all(PROGRAMMES + "/statistics/programmes")) {
            if (List.of("IN_PROGRESS", "COMPLETED").contains(figures.get("status"))) {
                completed += ((Number) figures.get("completed")).longValue();
                taken += ((Number) figures.get("taken")).longValue();
            }
        }
        assertEquals(Math.round(completed * 10000.0 / taken) / 10000.0, stats().getDouble("completionRate"), 1e-9);
    }

    @Test
    void thePerProgrammeAndPerOrganisationFiguresArePagedWithoutALimit() {
        for (int i = 0; i < 3; i++) {
            published(2);
        }
        var first = as("viewer").queryParam("size", 2).get(PROGRAMMES + "/statistics/programmes").then().statusCode(200)
                .body("items", hasSize(2)).body("page", equalTo(0)).body("size", equalTo(2))
                .header("Link", containsString("rel=\"next\"")).extract();
        long total = ((Number) first.path("totalItems")).longValue();
        assertEquals((total + 1) / 2, ((Number) first.path("totalPages")).longValue());
        assertEquals(total, all(PROGRAMMES + "/statistics/programmes").size(), "every programme is on some page");
        List<String> starts = all(PROGRAMMES + "/statistics/programmes").stream().map(f -> (String) f.get("id")).toList();
        assertEquals(starts.size(), new java.util.HashSet<>(starts).size(), "no programme on two pages");
        as("viewer").queryParam("size", 201).get(PROGRAMMES + "/statistics/programmes").then().statusCode(400)
                .body("errors.field", hasItem("size"));
        as("viewer").queryParam("page", -1).get(PROGRAMMES + "/statistics/partners").then().statusCode(400)
                .body("errors.field", hasItem("page"));
        as("viewer").get(PROGRAMMES + "/statistics").then().statusCode(200)
                .body("$", not(hasKey("byProgramme"))).body("$", not(hasKey("byPartnerOrganisation")));
    }

    /** Every item of a paged list, page by page. */
    private static List<Map<String, Object>> all(String path) {
        List<Map<String, Object>> all = new java.util.ArrayList<>();
        for (int page = 0; ; page++) {
            JsonPath body = as("viewer").queryParam("size", 200).queryParam("page", page).get(path).then().statusCode(200)
                    .extract().jsonPath();
            all.addAll(body.getList("items"));
            if (page + 1 >= body.getInt("totalPages")) {
                return all;
            }
        }
    }
}
