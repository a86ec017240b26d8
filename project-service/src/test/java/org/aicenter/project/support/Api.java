package org.aicenter.project.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.aicenter.testing.TestTokens;

import java.time.LocalDate;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Request helpers shared by the tests. */
public final class Api {

    public static final String PROJECTS = "/api/v1/projects";
    public static final String MANAGER = "project-manager";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Api() {
    }

    public static RequestSpecification as(String role) {
        return given().header("Authorization", TestTokens.bearer(role)).contentType(ContentType.JSON);
    }

    public static RequestSpecification manager() {
        return as(MANAGER);
    }

    /** A valid project body led by {@code lead}. */
    public static ObjectNode project(UUID lead, String title) {
        ObjectNode body = JSON.createObjectNode();
        body.put("title", title);
        body.put("summary", "Joint research on " + title);
        body.put("researchArea", "COMPUTER_VISION");
        body.put("startDate", "2026-03-01");
        body.put("endDate", "2027-02-28");
        ObjectNode budget = body.putObject("budget");
        budget.put("amount", "1500000.00");
        budget.put("currency", "CNY");
        body.put("leadPartnerId", lead.toString());
        body.putArray("participants");
        ObjectNode pi = body.putObject("principalInvestigator");
        pi.put("name", "李明");
        pi.put("email", "li.ming@example.edu.cn");
        pi.put("affiliation", "上海交通大学");
        body.putArray("tags").add("vision");
        return body;
    }

    public static ObjectNode participant(ArrayNode participants, UUID partnerId, String role) {
        ObjectNode participant = participants.addObject();
        participant.put("partnerId", partnerId.toString());
        participant.put("role", role);
        return participant;
    }

    public static ObjectNode milestone(String title, LocalDate due, String status) {
        ObjectNode milestone = JSON.createObjectNode();
        milestone.put("title", title);
        milestone.put("dueDate", due.toString());
        if (status != null) {
            milestone.put("status", status);
        }
        return milestone;
    }

    /** Creates a project as a project manager; fails the test unless 201. */
    public static ExtractableResponse<Response> create(ObjectNode body) {
        return manager().body(body.toString()).post(PROJECTS).then().statusCode(201).extract();
    }

    public static String createId(ObjectNode body) {
        return create(body).path("id");
    }

    public static ExtractableResponse<Response> get(String id) {
        return as("viewer").get(PROJECTS + "/" + id).then().statusCode(200).extract();
    }

    public static String etag(String id) {
        return get(id).header("ETag");
    }

    /** Moves a project and answers the new ETag; fails the test unless 200. */
    public static String move(String id, String to) {
        return manager().header("If-Match", etag(id))
                .body("{\"to\":\"" + to + "\",\"reason\":\"test moves to " + to + "\"}")
                .post(PROJECTS + "/" + id + "/transitions").then().statusCode(200).extract().header("ETag");
    }
}
