package org.aicenter.gateway.views;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.aicenter.platform.tokens.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Views dashboards need in one call, composed by the gateway from the services' endpoints. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ANY)
@APIResponse(responseCode = "401", description = "No or an invalid token")
@APIResponse(responseCode = "403", description = "The token carries no platform role")
public class DashboardResource {

    private final DashboardViews views;

    DashboardResource(DashboardViews views) {
        this.views = views;
    }

    @GET
    @Path("dashboard/summary")
    @Operation(summary = "The center in one call",
            description = "Partners by type, status, sector and tier; projects by status and area with budget totals and "
                    + "the milestones due in the next 30 days and overdue; programmes, seats and the completion rate; from "
                    + "the services' statistics called in parallel. A service that "
                    + "is down leaves its part as {\"available\": false, \"reason\": ...}; the answer is still 200.")
    @APIResponse(responseCode = "200", description = "The summary",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DashboardSummary.class)))
    public Uni<DashboardSummary> summary(@HeaderParam("Authorization") String authorization) {
        return Uni.createFrom().completionStage(views.summary(authorization).toCompletionStage());
    }

    @GET
    @Path("partners/{id}/overview")
    @Operation(summary = "A partner with its projects, hosted programmes and its people's enrolments",
            description = "Read from partner-, project- and training-service in parallel (up to 200 items each). A "
                    + "part whose service is down is {\"available\": false, \"reason\": ...}; without partner-service "
                    + "the answer is 503.")
    @APIResponse(responseCode = "200", description = "The overview",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PartnerOverview.class)))
    @APIResponse(responseCode = "404", description = "No such partner")
    @APIResponse(responseCode = "503", description = "partner-service is unavailable")
    public Uni<PartnerOverview> overview(@PathParam("id") String id, @HeaderParam("Authorization") String authorization) {
        return Uni.createFrom().completionStage(views.overview(id, authorization).toCompletionStage());
    }
}
