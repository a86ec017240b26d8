package org.aicenter.platform.persistence;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.time.ZoneId;

/**
 * The trend parameters every statistics operation takes ({@code @BeanParam TrendParams trends}):
 * {@code from}, {@code to} and {@code interval}, parsed by {@link TrendPeriod#parse} into a 400
 * that names the bad one.
 */
public class TrendParams {

    // Public so that Quarkus REST can set them from the query; read through period().
    @QueryParam("from")
    @Parameter(description = "first day of the trends (center's zone)", schema = @Schema(type = SchemaType.STRING, format = "date"))
    public String from;
    @QueryParam("to")
    @Parameter(description = "last day of the trends, default today", schema = @Schema(type = SchemaType.STRING, format = "date"))
    public String to;
    @QueryParam("interval")
    @Parameter(description = "bucket size of the trends",
            schema = @Schema(type = SchemaType.STRING, enumeration = {"week", "month", "quarter", "year"}))
    public String interval;

    /** The period in the center's zone; null when none of the three is given (no trends asked for). */
    public TrendPeriod period(ZoneId zone) {
        return TrendPeriod.parse(from, to, interval, zone);
    }
}
