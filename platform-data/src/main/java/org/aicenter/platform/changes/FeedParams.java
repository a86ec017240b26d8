package org.aicenter.platform.changes;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The parameters every change feed takes ({@code @BeanParam FeedParams feed}); parsed by {@link ChangeFeed}. */
public class FeedParams {

    // Public so that Quarkus REST can set them from the query.
    @QueryParam("after")
    @Parameter(description = "The `next` cursor of an earlier answer; `now` for no history, just the current cursor; "
            + "absent: from the oldest event kept")
    public String after;
    @QueryParam("limit")
    @Parameter(description = "At most this many events",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100"))
    public String limit;
    @QueryParam("types")
    @Parameter(description = "Comma-separated event types to keep (the others are skipped); default all",
            example = "org.aicenter.partner.deleted")
    public String types;
    @QueryParam("wait")
    @Parameter(description = "Seconds to hold an empty answer open until an event arrives (long poll)",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "30", defaultValue = "0"))
    public String wait;
}
