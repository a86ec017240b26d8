package org.aicenter.training;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.aicenter.testing.PostgresResource;
import org.aicenter.testing.partner.PartnerServiceStub;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.aicenter.training.Fixtures.*;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A participant's cancel token is shown once, in the answer that made the enrolment, and is kept
 * nowhere in clear: the enrolments table holds its hash, the idempotency store a sealed answer. A
 * retry with the same Idempotency-Key still gives the participant the token.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PartnerServiceStub.class, scope = TestResourceScope.GLOBAL)
class StoredSecretsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void noCancelTokenIsStoredInClearAndARetryStillGetsIt() throws SQLException {
        String programme = published(5);
        String key = "secret-" + UUID.randomUUID();
        var body = participant(email("secret"));
        var first = coordinator().header("Idempotency-Key", key).body(body).post(enrolments(programme))
                .then().statusCode(201).body("cancelToken", notNullValue()).extract();
        String token = first.path("cancelToken");
        assertTrue(token.length() >= 20, token);

        coordinator().header("Idempotency-Key", key).body(body).post(enrolments(programme))
                .then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", is((String) first.path("id"))).body("cancelToken", is(token));

        List<String> holders = tablesHolding(token);
        assertEquals(List.of(), holders, "the cancel token is stored in clear in " + holders);
        assertFalse(tablesHolding((String) first.path("id")).isEmpty(), "the search does find what is stored in clear");
    }

    /** Every text-like column of every table in the service's schema that contains {@code value}. */
    private List<String> tablesHolding(String value) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rs = connection.createStatement().executeQuery("""
                    select table_name, column_name from information_schema.columns
                    where table_schema = current_schema() and data_type in ('text', 'character varying', 'jsonb', 'json', 'uuid')""")) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            assertTrue(columns.size() > 10, "the schema's columns were listed: " + columns.size());
            for (String[] column : columns) {
                String sql = "select count(*) from \"" + column[0] + "\" where \"" + column[1] + "\"::text like ?";
                try (PreparedStatement query = connection.prepareStatement(sql)) {
                    query.setString(1, "%" + value + "%");
                    try (ResultSet rs = query.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            found.add(column[0] + "." + column[1]);
                        }
                    }
                }
            }
        }
        return found;
    }
}
