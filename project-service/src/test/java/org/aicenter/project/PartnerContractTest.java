package org.aicenter.project;

import com.fasterxml.jackson.databind.JsonNode;
import org.aicenter.partnerclient.PartnerSummary;
import org.aicenter.testing.partner.PartnerContract;
import org.aicenter.testing.partner.PartnerStub;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What project-service reads of partner-service (through partner-client's PartnerSummary) must be
 * in partner-service's committed contract; a change there that breaks it fails this build.
 * Plain JUnit: it reads files only.
 */
class PartnerContractTest {

    private final PartnerContract contract = PartnerContract.load();

    @Test
    void theContractAnswersAPartnerWithEveryFieldPartnerDirectoryReads() {
        JsonNode partner = contract.responseSchema(200);
        List<String> problems = new ArrayList<>();
        for (var component : PartnerSummary.class.getRecordComponents()) {
            JsonNode property = partner.path("properties").path(component.getName());
            if (property.isMissingNode()) {
                problems.add(component.getName() + " is gone from the Partner schema");
                continue;
            }
            JsonNode schema = contract.schemaCheck().resolve(property);
            // A string, or a string that may be null (nameEn): PartnerSummary reads either.
            JsonNode type = schema.path("type");
            boolean textual = type.asText("").equals("string") || schema.has("enum")
                    || type.isArray() && type.toString().contains("\"string\"");
            if (!textual) {
                problems.add(component.getName() + " is no longer a string (" + schema + ")");
            }
            if (component.getType() == UUID.class && !schema.path("format").asText().equals("uuid")) {
                problems.add(component.getName() + " is no longer a UUID (" + schema + ")");
            }
        }
        assertTrue(problems.isEmpty(), contract.source() + ": " + problems);
    }

    @Test
    void thePartnerStatusesStillIncludeEndedWhichMakesAPartnerUnusable() {
        JsonNode status = contract.schemaCheck().resolve(contract.responseSchema(200).path("properties").path("status"));
        List<String> values = new ArrayList<>();
        status.path("enum").forEach(v -> values.add(v.asText()));
        assertTrue(values.containsAll(Arrays.asList("PROSPECT", "ACTIVE", "SUSPENDED", PartnerSummary.ENDED)),
                "PartnerStatus in " + contract.source() + " is " + values);
    }

    @Test
    void anUnknownPartnerIsA404WhichPartnerDirectoryReadsAsDoesNotExist() {
        assertTrue(contract.responses().has("404"), "GET " + PartnerContract.PARTNER_PATH + " documents no 404");
        assertEquals(List.of(), contract.validate(404, PartnerStub.notFoundDocument(UUID.randomUUID().toString())));
    }

    @Test
    void theStubsPartnerDocumentsKeepToTheContract() {
        for (String status : List.of("PROSPECT", "ACTIVE", "SUSPENDED", "ENDED")) {
            assertEquals(List.of(), contract.validate(200, PartnerStub.document(UUID.randomUUID(), status)), status);
        }
    }

    @Test
    void theCheckRejectsWhatTheContractDoesNotHave() {
        var renamed = PartnerStub.document(UUID.randomUUID(), "ACTIVE");
        renamed.set("state", renamed.remove("status"));
        assertTrue(contract.validate(200, renamed).stream().anyMatch(e -> e.contains("state")));
        var retyped = PartnerStub.document(UUID.randomUUID(), "ACTIVE");
        retyped.put("version", "one");
        assertTrue(contract.validate(200, retyped).stream().anyMatch(e -> e.contains("version")));
        var unknownStatus = PartnerStub.document(UUID.randomUUID(), "RETIRED");
        assertTrue(contract.validate(200, unknownStatus).stream().anyMatch(e -> e.contains("RETIRED")));
    }
}
