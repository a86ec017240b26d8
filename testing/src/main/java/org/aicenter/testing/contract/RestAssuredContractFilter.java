package org.aicenter.testing.contract;

import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Validates every RestAssured exchange of the tests against the contract ({@link ContractChecks}). */
public final class RestAssuredContractFilter implements OrderedFilter {

    private final ContractChecks checks;
    private final Predicate<String> covered;

    /** {@code covered} tells which paths the contract is about; the rest are counted as skipped. */
    public RestAssuredContractFilter(ContractChecks checks, Predicate<String> covered) {
        this.checks = checks;
        this.covered = covered;
    }

    public ContractChecks checks() {
        return checks;
    }

    @Override
    public int getOrder() {
        // Closest to the wire: it sees what was sent and what came back, after every other filter.
        return OrderedFilter.LOWEST_PRECEDENCE;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                           FilterContext context) {
        Response answer = context.next(request, response);
        URI uri = URI.create(request.getURI());
        if (!covered.test(uri.getRawPath())) {
            checks.skip();
            return answer;
        }
        Map<String, List<String>> sent = new LinkedHashMap<>();
        request.getHeaders().forEach(h -> sent.computeIfAbsent(h.getName(), k -> new ArrayList<>()).add(h.getValue()));
        Map<String, List<String>> received = new LinkedHashMap<>();
        answer.getHeaders().forEach(h -> received.computeIfAbsent(h.getName(), k -> new ArrayList<>()).add(h.getValue()));
        Object body = request.getBody();
        byte[] bytes = body == null ? null : body instanceof byte[] raw ? raw : body.toString().getBytes(StandardCharsets.UTF_8);
        checks.check(new Exchange(request.getMethod(), uri.getRawPath(), uri.getRawQuery(), sent,
                request.getContentType(), bytes, answer.getStatusCode(), received, answer.getContentType(),
                answer.asByteArray()));
        return answer;
    }
}
