package org.aicenter.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo partners show every value of every partner enum, and the service would accept each request. */
class PartnersDemoDataTest {

    enum Type { GOVERNMENT_AGENCY, STATE_OWNED_ENTERPRISE, PRIVATE_ENTERPRISE, STARTUP, UNIVERSITY, RESEARCH_INSTITUTE, NON_PROFIT }

    enum Sector { SMART_CITY, MANUFACTURING, HEALTHCARE, FINANCE, EDUCATION, TRANSPORTATION, ENERGY, RETAIL, PUBLIC_SERVICES, OTHER }

    enum Tier { STRATEGIC, CORE, COMMUNITY }

    enum Status { PROSPECT, ACTIVE, SUSPENDED, ENDED }

    enum AgreementType { MOU, NDA, JOINT_RESEARCH, TRAINING, DATA_SHARING }

    /** The partner lifecycle of the domain brief. */
    private static final Map<Status, Set<Status>> MOVES = Map.of(
            Status.PROSPECT, EnumSet.of(Status.ACTIVE, Status.ENDED),
            Status.ACTIVE, EnumSet.of(Status.SUSPENDED, Status.ENDED),
            Status.SUSPENDED, EnumSet.of(Status.ACTIVE, Status.ENDED),
            Status.ENDED, EnumSet.noneOf(Status.class));

    private static final String CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] CREDIT_CODE_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private final ObjectMapper json = new ObjectMapper();
    private final DemoPlan plan = load();
    private final DemoRefs dates = DemoRefs.inMemory(json, LocalDate.now(DemoRefs.ZONE));

    private DemoPlan load() {
        try {
            return DemoPlan.load("demo/partners.json", json).orElseThrow();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<JsonNode> partners() {
        return plan.steps().stream().filter(step -> step.kind() == DemoPlan.Kind.CREATE).map(DemoPlan.Step::body).toList();
    }

    @Test
    void aboutTwoDozenPartnersCoverEveryTypeSectorAndTier() {
        List<JsonNode> partners = partners();
        assertTrue(partners.size() >= 20 && partners.size() <= 30, "partners: " + partners.size());
        Set<Type> types = EnumSet.noneOf(Type.class);
        Set<Sector> sectors = EnumSet.noneOf(Sector.class);
        Set<Tier> tiers = EnumSet.noneOf(Tier.class);
        for (JsonNode partner : partners) {
            types.add(Type.valueOf(partner.get("type").asText()));
            partner.get("sectors").forEach(sector -> sectors.add(Sector.valueOf(sector.asText())));
            tiers.add(Tier.valueOf(partner.get("tier").asText()));
        }
        assertEquals(EnumSet.allOf(Type.class), types);
        assertEquals(EnumSet.allOf(Sector.class), sectors);
        assertEquals(EnumSet.allOf(Tier.class), tiers);
    }

    @Test
    void theTransitionsFollowTheLifecycleAndReachEveryStatus() {
        Map<String, Status> status = new HashMap<>();
        for (DemoPlan.Step step : plan.steps()) {
            if (step.kind() == DemoPlan.Kind.CREATE) {
                status.put(step.ref(), Status.PROSPECT);
            } else {
                assertEquals(DemoPlan.Kind.TRANSITION, step.kind(), step.describe());
                Status from = status.get(step.ifMatch());
                Status to = Status.valueOf(step.body().get("to").asText());
                assertTrue(MOVES.get(from).contains(to), step.ifMatch() + ": " + from + " -> " + to + " is not allowed");
                assertFalse(step.body().path("reason").asText().isBlank(), step.ifMatch() + ": a transition needs a reason");
                status.put(step.ifMatch(), to);
            }
        }
        assertEquals(EnumSet.allOf(Status.class), EnumSet.copyOf(status.values()));
        // Some went through SUSPENDED and back, and one ended after being suspended.
        assertTrue(status.values().stream().filter(s -> s == Status.ACTIVE).count() >= 10);
    }

    @Test
    void everyPartnerIsValidAsPartnerServiceChecksIt() {
        Set<String> names = new HashSet<>();
        Set<String> refs = new HashSet<>();
        for (DemoPlan.Step step : plan.steps()) {
            if (step.kind() != DemoPlan.Kind.CREATE) {
                continue;
            }
            assertTrue(refs.add(step.ref()), "ref used twice: " + step.ref());
            assertTrue(step.ref().startsWith("partner:"), step.ref());
            assertEquals("/api/v1/partners", step.path());
            JsonNode partner = step.body();
            String name = partner.get("name").asText();
            assertTrue(names.add(name.toLowerCase(Locale.ROOT)), "name used twice: " + name);
            assertTrue(name.length() <= 200 && !partner.path("nameEn").asText().isBlank(), name);
            assertTrue(name.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
                    "official names are Chinese: " + name);
            JsonNode address = partner.get("address");
            assertTrue(address.get("district").asText().endsWith("区"), name + ": a district of Shanghai");
            assertEquals("CN", address.get("country").asText());
            if (partner.has("creditCode")) {
                assertTrue(validCreditCode(partner.get("creditCode").asText()), name + ": " + partner.get("creditCode"));
            }
            if (partner.has("website")) {
                assertTrue(partner.get("website").asText().matches("https?://\\S+"), name);
            }
            long primaries = 0;
            for (JsonNode contact : partner.get("contacts")) {
                assertFalse(contact.path("name").asText().isBlank(), name);
                assertTrue(contact.get("email").asText().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"), name + ": " + contact.get("email"));
                assertTrue(contact.get("phone").asText().matches("[0-9+()\\- ]*"), name + ": " + contact.get("phone"));
                primaries += contact.path("primary").asBoolean() ? 1 : 0;
            }
            assertEquals(1, primaries, name + ": one primary contact");
            for (JsonNode agreement : partner.get("agreements")) {
                AgreementType.valueOf(agreement.get("type").asText());
                assertFalse(agreement.path("title").asText().isBlank(), name);
                LocalDate signed = LocalDate.parse(dates.resolve(agreement.get("signedOn").asText()));
                assertFalse(signed.isAfter(LocalDate.now(DemoRefs.ZONE)), name + ": signed in the future");
                if (agreement.has("expiresOn")) {
                    LocalDate expires = LocalDate.parse(dates.resolve(agreement.get("expiresOn").asText()));
                    assertTrue(expires.isAfter(signed), name + ": expiresOn after signedOn");
                }
            }
        }
    }

    @Test
    void someAgreementsAreInForceTodayAndSomeHaveExpired() {
        LocalDate today = LocalDate.now(DemoRefs.ZONE);
        Set<Boolean> inForce = new TreeSet<>();
        for (JsonNode partner : partners()) {
            for (JsonNode agreement : partner.get("agreements")) {
                LocalDate signed = LocalDate.parse(dates.resolve(agreement.get("signedOn").asText()));
                LocalDate expires = agreement.has("expiresOn")
                        ? LocalDate.parse(dates.resolve(agreement.get("expiresOn").asText())) : null;
                inForce.add(!signed.isAfter(today) && (expires == null || !expires.isBefore(today)));
            }
        }
        assertEquals(Set.of(false, true), inForce);
    }

    /** GB 32100-2015: weights 3^i mod 31 over the 31 characters without I, O, Z, S, V. */
    static boolean validCreditCode(String code) {
        if (code.length() != 18) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = CREDIT_CODE_ALPHABET.indexOf(code.charAt(i));
            if (value < 0) {
                return false;
            }
            sum += value * CREDIT_CODE_WEIGHTS[i];
        }
        return code.charAt(17) == CREDIT_CODE_ALPHABET.charAt((31 - sum % 31) % 31);
    }

    @Test
    void theCheckCharacterRuleItselfMatchesAPublishedCode() {
        // The example the partner API documents.
        assertTrue(validCreditCode("91310000132200821H"));
        assertFalse(validCreditCode("91310000132200821J"));
    }
}
