package org.aicenter.partner;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.aicenter.testing.PostgresResource;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.aicenter.partner.PartnerFixtures.*;
import static org.hamcrest.Matchers.*;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class PartnerApiTest {

    @Test
    void createAnswers201WithLocationETagAndTheStoredPartner() {
        String name = unique("上海交通大学");
        var body = body(name);
        body.put("creditCode", "12310000425010723C");
        body.put("website", "https://www.sjtu.edu.cn");
        var created = create(body).statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/partners/[0-9a-f-]{36}$"))
                .header("ETag", "\"0\"")
                .body("name", is(name))
                .body("status", is("PROSPECT"))
                .body("address.country", is("CN"))
                .body("address.district", is("徐汇区"))
                .body("sectors", contains("SMART_CITY", "EDUCATION"))
                .body("createdBy", is("partner-manager-user"))
                .body("updatedBy", is("partner-manager-user"))
                .body("joinedOn", nullValue())
                .body("version", is(0))
                .extract();
        as("viewer").get(created.header("Location")).then().statusCode(200)
                .body("name", is(name)).body("creditCode", is("12310000425010723C"))
                .body("contacts[0].email", is("li.lei@example.cn"))
                .body("contacts[0].primary", is(true));
    }

    @Test
    void createdByComesFromTheTokenNeverFromTheBody() {
        var body = body(unique("复旦大学"));
        body.put("createdBy", "mallory");
        body.put("status", "ACTIVE");
        create(body).statusCode(201).body("createdBy", is("partner-manager-user")).body("status", is("PROSPECT"));
    }

    @Test
    void chineseAndEnglishNamesAreFoundByQ() {
        String marker = unique("");
        var body = body("上海人工智能实验室" + marker);
        body.put("nameEn", "Shanghai AI Laboratory " + marker);
        String id = created(body)[0];
        as("viewer").queryParam("q", "人工智能实验室" + marker).get(BASE).then().statusCode(200)
                .body("items.id", contains(id)).body("items[0].name", is("上海人工智能实验室" + marker));
        as("viewer").queryParam("q", "ai LABORATORY " + marker).get(BASE).then().statusCode(200)
                .body("items.id", contains(id));
        as("viewer").queryParam("q", "100%_" + marker).get(BASE).then().statusCode(200).body("items", empty());
    }

    @Test
    void invalidBodiesAreRefusedNamingTheFieldAndWriteNothing() {
        String marker = unique("invalid");
        Map<String, Object> tooLong = body("名".repeat(201));
        Map<String, Object> badEmail = body(marker + "-1");
        badEmail.put("contacts", List.of(Map.of("name", "张三", "email", "not-an-email", "primary", false)));
        Map<String, Object> twoPrimaries = body(marker + "-2");
        twoPrimaries.put("contacts", List.of(Map.of("name", "A", "primary", true), Map.of("name", "B", "primary", true)));
        Map<String, Object> badAgreement = body(marker + "-3");
        badAgreement.put("agreements", List.of(Map.of("type", "MOU", "title", "MoU", "signedOn", "2026-03-01", "expiresOn", "2026-02-01")));
        Map<String, Object> badCode = body(marker + "-4");
        badCode.put("creditCode", "91310000132200821A");
        Map<String, Object> badSite = body(marker + "-5");
        badSite.put("website", "ftp://example.cn");
        Map<String, Object> badCountry = body(marker + "-6");
        badCountry.put("address", Map.of("country", "XX"));
        Map<String, Object> badType = body(marker + "-7");
        badType.put("type", "SPACESHIP");
        Map<String, Object> noName = body(marker + "-8");
        noName.remove("name");
        Map<String, Object> badDate = body(marker + "-9");
        badDate.put("agreements", List.of(Map.of("type", "MOU", "title", "MoU", "signedOn", "2026-02-30")));

        expectFieldError(tooLong, "name");
        expectFieldError(badEmail, "contacts[0].email");
        expectFieldError(twoPrimaries, "contacts");
        expectFieldError(badAgreement, "agreements[0].expiresOn");
        expectFieldError(badCode, "creditCode");
        expectFieldError(badSite, "website");
        expectFieldError(badCountry, "address.country");
        expectFieldError(badType, "type");
        expectFieldError(noName, "name");
        expectFieldError(badDate, "agreements[0].signedOn");
        as("viewer").queryParam("q", marker).get(BASE).then().body("totalItems", is(0));
    }

    private static void expectFieldError(Map<String, Object> body, String field) {
        create(body).statusCode(400).contentType("application/problem+json")
                .body("status", is(400))
                .body("type", startsWith("https://"))
                .body("title", not(emptyOrNullString()))
                .body("requestId", not(emptyOrNullString()))
                .body("errors.field", hasItem(field))
                .body("detail", not(containsString("Exception")));
    }

    @Test
    void aValidCreditCodeIsAcceptedAndIsUnique() {
        String code = CreditCode.Validator.withCheckCharacter("9131010" + String.format("%010d", System.nanoTime() % 10_000_000_000L));
        var first = body(unique("徐汇智能"));
        first.put("creditCode", code);
        create(first).statusCode(201).body("creditCode", is(code));
        var second = body(unique("徐汇智能"));
        second.put("creditCode", code);
        create(second).statusCode(409).body("detail", containsString(code));
    }

    @Test
    void namesAreUniqueAmongLivePartnersIgnoringCase() {
        String name = unique("Microsoft Research Asia");
        String[] first = created(name);
        create(body(name.toUpperCase())).statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already exists"));
        move(first[0], first[1], "ENDED");
        create(body(name.toUpperCase())).statusCode(201);
    }

    @Test
    void aRenameOntoAnotherLivePartnersNameIsAConflict() {
        String taken = unique("华东师范大学");
        created(taken);
        String[] other = created(unique("华东理工大学"));
        manager().header("If-Match", other[1]).body(body(taken)).put(BASE + "/" + other[0]).then().statusCode(409);
    }

    @Test
    void unknownAndMalformedIdsAre404Problems() {
        as("viewer").get(BASE + "/00000000-0000-7000-8000-000000000000").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("does not exist"));
        as("viewer").get(BASE + "/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
        as("viewer").get(BASE + "/00000000-0000-7000-8000-000000000000/history").then().statusCode(404);
    }

    @Test
    void putReplacesEveryFieldButTheStatus() {
        String[] p = created(unique("浦东新区政府"));
        var replacement = body(unique("浦东新区人民政府"));
        replacement.put("type", "GOVERNMENT_AGENCY");
        replacement.put("tier", "STRATEGIC");
        replacement.put("sectors", List.of("PUBLIC_SERVICES"));
        replacement.put("status", "ENDED");
        replacement.put("contacts", List.of());
        manager().header("If-Match", p[1]).body(replacement).put(BASE + "/" + p[0]).then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("name", is(replacement.get("name")))
                .body("type", is("GOVERNMENT_AGENCY"))
                .body("sectors", contains("PUBLIC_SERVICES"))
                .body("contacts", empty())
                .body("status", is("PROSPECT"))
                .body("version", is(1));
    }

    @Test
    void patchChangesOnlyTheNamedFieldsAndNullRemoves() {
        var body = body(unique("临港集团"));
        body.put("website", "https://www.lingang.example");
        String[] p = created(body);
        manager().contentType("application/merge-patch+json; charset=UTF-8").header("If-Match", p[1])
                .body("{\"nameEn\":\"Lingang Group\",\"website\":null,\"address\":{\"district\":\"浦东新区\"}}")
                .patch(BASE + "/" + p[0]).then().statusCode(200)
                .body("nameEn", is("Lingang Group"))
                .body("website", nullValue())
                .body("address.district", is("浦东新区"))
                .body("address.city", is("上海"))
                .body("name", is(body.get("name")))
                .body("contacts", hasSize(1));
        String etag = etagOf(p[0]);
        manager().contentType("application/merge-patch+json; charset=UTF-8").header("If-Match", etag)
                .body("{\"tier\":\"GOLD\"}").patch(BASE + "/" + p[0]).then().statusCode(400)
                .body("errors.field", hasItem("tier"));
        manager().contentType("application/merge-patch+json; charset=UTF-8").header("If-Match", etag)
                .body("{\"name\":\"\"}").patch(BASE + "/" + p[0]).then().statusCode(400)
                .body("errors.field", hasItem("name"));
        manager().contentType("application/json").header("If-Match", etag)
                .body("{\"nameEn\":\"x\"}").patch(BASE + "/" + p[0]).then().statusCode(415)
                .contentType("application/problem+json");
        as("viewer").get(BASE + "/" + p[0]).then().body("nameEn", is("Lingang Group")).header("ETag", etag);
    }

    @Test
    void agreementsSayWhetherTheyAreInForceToday() {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        var body = body(unique("商汤科技"));
        body.put("agreements", List.of(
                Map.of("type", "MOU", "title", "current", "signedOn", today.minusYears(1).toString(), "expiresOn", today.plusYears(1).toString()),
                Map.of("type", "NDA", "title", "expired", "signedOn", today.minusYears(3).toString(), "expiresOn", today.minusDays(1).toString()),
                Map.of("type", "DATA_SHARING", "title", "future", "signedOn", today.plusDays(10).toString()),
                Map.of("type", "JOINT_RESEARCH", "title", "open-ended", "signedOn", today.toString())));
        create(body).statusCode(201)
                .body("agreements.find { it.title == 'current' }.inForce", is(true))
                .body("agreements.find { it.title == 'expired' }.inForce", is(false))
                .body("agreements.find { it.title == 'future' }.inForce", is(false))
                .body("agreements.find { it.title == 'open-ended' }.inForce", is(true));
    }
}
