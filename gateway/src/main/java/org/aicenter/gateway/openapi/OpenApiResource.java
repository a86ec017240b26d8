package org.aicenter.gateway.openapi;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;


/** The one contract of the platform (the Swagger UI at /swagger-ui shows it; / is the console). */
@Path("/")
@PermitAll
public class OpenApiResource {

    public static final String YAML = "application/yaml";

    private final MergedOpenApi merged;

    OpenApiResource(MergedOpenApi merged) {
        this.merged = merged;
    }

    @GET
    @Path("openapi")
    @Produces({MediaType.APPLICATION_JSON, YAML})
    @Operation(summary = "The merged OpenAPI document of every service",
            description = "One OpenAPI 3.1 document for every operation reachable through the gateway, built from the "
                    + "services' live documents; a service that does not answer is represented by its committed "
                    + "contract, as info.description and x-aic-sources say. JSON, or YAML with format=yaml or "
                    + "Accept: application/yaml.")
    @APIResponse(responseCode = "200", description = "The merged document", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)),
            @Content(mediaType = YAML, schema = @Schema(type = SchemaType.OBJECT))})
    @APIResponse(responseCode = "400", description = "A query parameter it does not take, or format given twice")
    @APIResponse(responseCode = "406", description = "The Accept header admits neither JSON nor YAML")
    public Uni<Response> openapi(
            @Parameter(description = "json (default) or yaml") @QueryParam("format") String format,
            @HeaderParam("Accept") String accept) {
        boolean yaml = format != null ? format.equalsIgnoreCase("yaml") || format.equalsIgnoreCase("yml")
                : accept != null && accept.toLowerCase().contains("yaml") && !accept.toLowerCase().startsWith(MediaType.APPLICATION_JSON);
        // Rendered once per change of the services' documents, the same for every reader: its server
        // is the configured public address, never the Host a reader sent.
        return Uni.createFrom().completionStage(merged.current().toCompletionStage())
                .map(snapshot -> yaml ? Response.ok(snapshot.yaml(), YAML).build()
                        : Response.ok(snapshot.json(), MediaType.APPLICATION_JSON).build());
    }
}
