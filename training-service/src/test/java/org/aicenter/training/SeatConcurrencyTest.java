package org.aicenter.training;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.aicenter.testing.Concurrently;
import org.aicenter.testing.PostgresResource;
import org.aicenter.testing.partner.PartnerServiceStub;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.ThrowingConsumer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.aicenter.training.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seat rules under real concurrent HTTP requests: all requests of a round wait behind one
 * start gate, then hit the service at once (256 worker threads and 64 connections in the test
 * profile, so they truly overlap and queue on the programme's row lock).
 *
 * <p>Each scenario runs {@code -Daic.seat.repetitions=N} times (default 1), each time on fresh
 * programmes: {@code ./mvnw -B -o -q -pl training-service test -Dtest=SeatConcurrencyTest -Daic.seat.repetitions=10}.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PartnerServiceStub.class, scope = TestResourceScope.GLOBAL)
class SeatConcurrencyTest {

    @TestFactory
    Stream<DynamicTest> twoHundredEnrolmentsForTwentySeats() {
        return repeated("200 concurrent enrolments for 20 seats", round -> {
            String programme = published(20);
            List<long[]> calls = Concurrently.run(200, i -> {
                long start = System.nanoTime();
                int status = enrol(programme, "r" + round + "-p" + i + "@example.cn").statusCode();
                return new long[]{start, System.nanoTime(), status};
            });
            List<Long> answers = calls.stream().map(c -> c[2]).toList();
            assertEquals(List.of(201L), answers.stream().distinct().toList(), "every request is accepted: " + answers);
            assertTrue(maxInFlight(calls) >= 50, "the requests overlapped: at most " + maxInFlight(calls) + " in flight");

            List<Map<String, Object>> all = allEnrolments(programme);
            assertEquals(200, all.size());
            assertEquals(20, count(all, "ENROLLED"), "exactly the capacity is ENROLLED");
            assertEquals(180, count(all, "WAITLISTED"));
            assertEquals(range(1, 180), positions(all), "waitlist positions 1..180, each once");
            assertEquals(all.size(), all.stream().map(e -> participantEmail(e).toLowerCase()).distinct().count());

            as("viewer").get(PROGRAMMES + "/" + programme).then().statusCode(200)
                    .body("seats.taken", org.hamcrest.Matchers.is(20))
                    .body("seats.free", org.hamcrest.Matchers.is(0))
                    .body("seats.waitlisted", org.hamcrest.Matchers.is(180));
        });
    }

    @TestFactory
    Stream<DynamicTest> thirtyCancellationsWhileThirtyNewRequestsArrive() {
        return repeated("30 cancellations racing 30 enrolments", round -> {
            int capacity = 30;
            String programme = published(capacity);
            List<ExtractableResponse<Response>> seated = new ArrayList<>();
            for (int i = 0; i < capacity; i++) {
                seated.add(enrolled(programme, "r" + round + "-seated" + i + "@example.cn"));
            }
            List<String> waiting = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ExtractableResponse<Response> w = enrolled(programme, "r" + round + "-waiting" + i + "@example.cn");
                assertEquals("WAITLISTED", w.path("status"));
                waiting.add(w.path("id"));
            }
            // half cancel through staff transitions (If-Match), half through the participant's link
            List<ExtractableResponse<Response>> answers = Concurrently.run(60, i -> {
                if (i < 30) {
                    ExtractableResponse<Response> seat = seated.get(i);
                    String path = enrolments(programme) + "/" + seat.path("id");
                    if (i % 2 == 0) {
                        return coordinator().header("If-Match", seat.header("ETag"))
                                .body(Map.of("to", "CANCELLED", "reason", "cannot attend"))
                                .post(path + "/transitions").then().extract();
                    }
                    return anonymous().contentType("application/json").body(Map.of("token", (String) seat.path("cancelToken")))
                            .post(path + "/cancellation").then().extract();
                }
                return enrol(programme, "r" + round + "-late" + i + "@example.cn").then().extract();
            });

            Set<String> cancelled = new HashSet<>();
            Set<String> created = new HashSet<>();
            for (int i = 0; i < 60; i++) {
                ExtractableResponse<Response> answer = answers.get(i);
                if (i < 30) {
                    assertEquals(200, answer.statusCode(), "cancellation " + i + ": " + answer.asString());
                    assertEquals("CANCELLED", answer.path("status"));
                    cancelled.add(answer.path("id"));
                } else {
                    // every newcomer is either a row or a clear refusal; with the programme open, a row
                    assertEquals(201, answer.statusCode(), "enrolment " + i + ": " + answer.asString());
                    created.add(answer.path("id"));
                }
            }

            List<Map<String, Object>> all = allEnrolments(programme);
            Map<String, String> statusById = all.stream()
                    .collect(Collectors.toMap(e -> (String) e.get("id"), e -> (String) e.get("status")));
            assertEquals(70, all.size(), "30 seated + 10 waiting + 30 newcomers, nobody lost");
            assertEquals(capacity, count(all, "ENROLLED"), "the freed seats are all taken again");
            assertEquals(10, count(all, "WAITLISTED"));
            assertEquals(range(1, 10), positions(all), "no gap or repeat in the waitlist");
            cancelled.forEach(id -> assertEquals("CANCELLED", statusById.get(id)));
            created.forEach(id -> assertTrue(Set.of("ENROLLED", "WAITLISTED").contains(statusById.get(id)),
                    "newcomer " + id + " is live"));
            // those already waiting were first in line for the 30 freed seats
            waiting.forEach(id -> assertEquals("ENROLLED", statusById.get(id), "waiting " + id + " moved up"));
        });
    }

    @TestFactory
    Stream<DynamicTest> theSameEmailTenTimesAtOnce() {
        return repeated("one email, 10 concurrent enrolments", round -> {
            String programme = published(5);
            String email = "same-" + round + "-" + java.util.UUID.randomUUID().toString().substring(0, 6) + "@example.cn";
            List<Integer> answers = Concurrently.run(10, i -> enrol(programme,
                    i % 2 == 0 ? email : email.toUpperCase()).statusCode());
            assertEquals(1, answers.stream().filter(s -> s == 201).count(), "one accepted: " + answers);
            assertEquals(9, answers.stream().filter(s -> s == 409).count(), "the rest refused with 409: " + answers);
            List<Map<String, Object>> all = allEnrolments(programme);
            assertEquals(1, all.size());
            assertEquals("ENROLLED", all.get(0).get("status"));
        });
    }

    static Stream<DynamicTest> repeated(String name, ThrowingConsumer<Integer> round) {
        int rounds = Integer.getInteger("aic.seat.repetitions", 1);
        return IntStream.rangeClosed(1, rounds).mapToObj(i -> DynamicTest.dynamicTest(name + " (round " + i + ")",
                () -> round.accept(i)));
    }

    /** The most requests that were in flight at one moment, from their [start, end] times. */
    static int maxInFlight(List<long[]> calls) {
        int max = 0;
        for (long[] call : calls) {
            int inFlight = 0;
            for (long[] other : calls) {
                if (other[0] <= call[0] && call[0] < other[1]) {
                    inFlight++;
                }
            }
            max = Math.max(max, inFlight);
        }
        return max;
    }

    static long count(List<Map<String, Object>> enrolments, String status) {
        return enrolments.stream().filter(e -> status.equals(e.get("status"))).count();
    }

    static List<Integer> positions(List<Map<String, Object>> enrolments) {
        return enrolments.stream().filter(e -> "WAITLISTED".equals(e.get("status")))
                .map(e -> (Integer) e.get("waitlistPosition")).sorted().toList();
    }

    static List<Integer> range(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().toList();
    }

    @SuppressWarnings("unchecked")
    static String participantEmail(Map<String, Object> enrolment) {
        return (String) ((Map<String, Object>) enrolment.get("participant")).get("email");
    }

}
