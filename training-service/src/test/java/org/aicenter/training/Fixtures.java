package org.aicenter.training;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.aicenter.testing.TestTokens;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Request bodies and calls shared by the training tests. */
public final class Fixtures {

    public static final String PROGRAMMES = "/api/v1/programmes";
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** With the charset: RestAssured would otherwise encode an unknown type's body as ISO-8859-1. */
    public static final String MERGE_PATCH = "application/merge-patch+json; charset=UTF-8";

    private Fixtures() {
    }

    public static RequestSpecification as(String role) {
        return given().header("Authorization", TestTokens.bearer(role)).contentType(ContentType.JSON);
    }

    public static RequestSpecification coordinator() {
        return as("training-coordinator");
    }

    public static RequestSpecification integrator() {
        return as("integrator");
    }

    public static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON);
    }

    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    /** A valid programme starting in a month, enrolment open for three weeks. */
    public static Map<String, Object> programme(int capacity) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "人工智能基础研修班 " + UUID.randomUUID().toString().substring(0, 8));
        body.put("description", "面向企业的 AI 入门课程 machine learning basics");
        body.put("topic", "AI_FUNDAMENTALS");
        body.put("format", "IN_PERSON");
        body.put("level", "BEGINNER");
        body.put("language", "zh");
        body.put("capacity", capacity);
        body.put("location", "徐汇区漕河泾 AI 创新中心");
        body.put("startDate", today().plusDays(30).toString());
        body.put("endDate", today().plusDays(34).toString());
        body.put("enrolmentDeadline", today().plusDays(20).toString());
        body.put("instructors", new ArrayList<>(List.of(Map.of("name", "刘洋", "email", "liu.yang@example.cn"))));
        return body;
    }

    /** Creates a programme and answers {@code [id, etag, code]}. */
    public static String[] created(Map<String, Object> body) {
        ExtractableResponse<Response> response = coordinator().body(body).post(PROGRAMMES).then().statusCode(201).extract();
        return new String[]{response.path("id"), response.header("ETag"), response.path("code")};
    }

    /** Moves a programme and answers its new ETag. */
    public static String move(String id, String etag, String to) {
        return coordinator().header("If-Match", etag).body(Map.of("to", to, "reason", "test move to " + to))
                .post(PROGRAMMES + "/" + id + "/transitions").then().statusCode(200).extract().header("ETag");
    }

    /** A PUBLISHED programme of {@code capacity} seats; answers its id. */
    public static String published(int capacity) {
        return published(programme(capacity));
    }

    public static String published(Map<String, Object> body) {
        String[] p = created(body);
        move(p[0], p[1], "PUBLISHED");
        return p[0];
    }

    public static String etagOf(String id) {
        return as("viewer").get(PROGRAMMES + "/" + id).then().statusCode(200).extract().header("ETag");
    }

    public static String enrolments(String programmeId) {
        return PROGRAMMES + "/" + programmeId + "/enrolments";
    }

    public static Map<String, Object> participant(String email) {
        return participant(email, null);
    }

    public static Map<String, Object> participant(String email, String partnerId) {
        Map<String, Object> participant = new HashMap<>();
        participant.put("name", "学员 " + email.substring(0, Math.min(8, email.indexOf('@'))));
        participant.put("email", email);
        participant.put("organisation", "徐汇区大数据中心");
        if (partnerId != null) {
            participant.put("partnerId", partnerId);
        }
        return Map.of("participant", participant);
    }

    public static Response enrol(String programmeId, String email) {
        return coordinator().body(participant(email)).post(enrolments(programmeId));
    }

    /** Enrols and answers the created enrolment's response. */
    public static ExtractableResponse<Response> enrolled(String programmeId, String email) {
        return enrol(programmeId, email).then().statusCode(201).extract();
    }

    public static String email(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.cn";
    }

    public static ExtractableResponse<Response> moveEnrolment(String programmeId, String enrolmentId, String to) {
        String etag = as("viewer").get(enrolments(programmeId) + "/" + enrolmentId).then().statusCode(200).extract()
                .header("ETag");
        return coordinator().header("If-Match", etag).body(Map.of("to", to, "reason", "test " + to))
                .post(enrolments(programmeId) + "/" + enrolmentId + "/transitions").then().extract();
    }

    /** Every enrolment of a programme (paged through), as maps. */
    public static List<Map<String, Object>> allEnrolments(String programmeId) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            ExtractableResponse<Response> response = as("viewer").queryParam("size", 200).queryParam("page", page)
                    .get(enrolments(programmeId)).then().statusCode(200).extract();
            List<Map<String, Object>> items = response.path("items");
            all.addAll(items);
            int totalPages = response.path("totalPages");
            if (page + 1 >= totalPages) {
                return all;
            }
        }
    }

    public static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    public static Map<String, Object> without(Map<String, Object> body, String field) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.remove(field);
        return copy;
    }
}
