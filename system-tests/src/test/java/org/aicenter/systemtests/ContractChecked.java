package org.aicenter.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.aicenter.testing.contract.ContractChecks;
import org.aicenter.testing.contract.ContractValidator;
import org.aicenter.testing.contract.Exchange;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The system tests' HTTP clients, each exchange checked against the merged contract the gateway
 * serves (built from the running services' documents, which their ContractTests keep equal to the
 * committed contracts): a response the contract does not describe fails the test that got it.
 * Counts go to {@code target/contract-checks.txt}.
 */
public final class ContractChecked {

    private static volatile ContractChecks checks;

    private ContractChecked() {
    }

    /** A client of the gateway whose every exchange is checked. */
    public static Http gateway(RunningSystem system, Duration timeout) {
        ContractChecks shared = checks(system);
        return new Http(system.gatewayUrl(), timeout).observe((method, pathAndQuery, headers, body, reply) -> {
            if (reply.status() == 0) {
                return;
            }
            URI uri = URI.create(pathAndQuery);
            if (!uri.getRawPath().startsWith("/api/") && !uri.getRawPath().equals("/openapi")) {
                shared.skip();
                return;
            }
            Map<String, List<String>> sent = headers.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
            shared.check(new Exchange(method, uri.getRawPath(), uri.getRawQuery(), sent, headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase("Content-Type")).map(Map.Entry::getValue).findFirst().orElse(null),
                    body, reply.status(), reply.headers(), reply.contentType(), reply.body().getBytes(StandardCharsets.UTF_8)));
        });
    }

    public static synchronized ContractChecks checks(RunningSystem system) {
        if (checks == null) {
            Http plain = new Http(system.gatewayUrl(), Duration.ofSeconds(30));
            Http.Reply document = plain.get("/openapi", null);
            if (document.status() != 200) {
                throw new IllegalStateException("GET /openapi answered " + document);
            }
            JsonNode merged = document.json();
            checks = new ContractChecks(new ContractValidator("the merged contract (GET /openapi)", merged),
                    Path.of("target", "contract-checks.txt"));
        }
        return checks;
    }

    /** Writes and prints the counts, once the last test class is done. */
    static synchronized void report() {
        if (checks != null) {
            checks.writeReport();
            System.out.println("Contract checks: " + checks.validated() + " responses (and their requests) validated against "
                    + checks.validator().name() + "; details in target/contract-checks.txt");
        }
    }
}
