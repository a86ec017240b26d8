package org.aicenter.partner;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.aicenter.testing.Concurrently;
import org.aicenter.testing.PostgresResource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.aicenter.partner.PartnerFixtures.*;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ConcurrentEditsTest {

    @Test
    void twentyParallelPutsWithOneETagLetExactlyOneWin() throws Exception {
        String[] p = created(unique("竞争"));
        var results = Concurrently.run(20, i -> {
            var body = body(unique("竞争-" + i));
            body.put("nameEn", "writer-" + i);
            return manager().header("If-Match", p[1]).body(body).put(BASE + "/" + p[0]).then().extract();
        });
        List<Integer> statuses = results.stream().map(r -> r.statusCode()).toList();
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "statuses: " + statuses);
        assertEquals(19, statuses.stream().filter(s -> s == 412).count(), "statuses: " + statuses);
        var winner = results.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow();
        as("viewer").get(BASE + "/" + p[0]).then()
                .body("nameEn", is(winner.<String>path("nameEn")))
                .body("name", is(winner.<String>path("name")))
                .body("version", is(1));
    }
}
