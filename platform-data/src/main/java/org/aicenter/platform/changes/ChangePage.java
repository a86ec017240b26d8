package org.aicenter.platform.changes;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** One answer of a change feed: the events after the cursor, in commit order, and the cursor to read on from. */
@Schema(name = "ChangePage", requiredProperties = {"events", "next", "hasMore"})
public record ChangePage(
        @Schema(description = "In commit order; empty when the reader is up to date") List<ChangeEvent> events,
        @Schema(description = "The cursor to pass as `after` next time (also in the Link header); the same cursor "
                + "when nothing was new") String next,
        @Schema(description = "More events are there already: read on at once") boolean hasMore) {
}
