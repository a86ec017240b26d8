package org.aicenter.gateway.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.aicenter.gateway.GatewayConfig;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.Optional;

/** The one contract of the platform (the Swagger UI at /swagger-ui shows it; / is the console). */
@Path("/")
public class OpenApiResource {

    public static final String YAML = "application/yaml";
    private static final ObjectMapper YAML_MAPPER = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private final MergedOpenApi merged;
    private final ObjectMapper json;
    private final Optional<String> serverUrl;

    OpenApiResource(MergedOpenApi merged, ObjectMapper json, GatewayConfig config) {
        this.merged = merged;
        this.json = json;
        this.serverUrl = config.openapi().serverUrl();
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
    public Uni<Response> openapi(
            @Parameter(description = "json (default) or yaml") @QueryParam("format") String format,
            @HeaderParam("Accept") String accept, @Context UriInfo uri) {
        boolean yaml = format != null ? format.equalsIgnoreCase("yaml") || format.equalsIgnoreCase("yml")
                : accept != null && accept.toLowerCase().contains("yaml") && !accept.toLowerCase().startsWith(MediaType.APPLICATION_JSON);
        String base = serverUrl.orElse(uri.getBaseUri().toString());
        String server = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return Uni.createFrom().completionStage(merged.document().toCompletionStage())
                .map(document -> render(document, server, yaml));
    }

    private Response render(ObjectNode document, String server, boolean yaml) {
        // A shallow copy: only the servers differ per caller, the rest is shared and never changed.
        ObjectNode copy = document.objectNode();
        copy.put("openapi", document.get("openapi").asText());
        copy.set("info", document.get("info"));
        copy.putArray("servers").addObject().put("url", server).put("description", "the gateway");
        document.fields().forEachRemaining(e -> {
            if (!copy.has(e.getKey())) {
                copy.set(e.getKey(), e.getValue());
            }
        });
        try {
            return yaml
                    ? Response.ok(YAML_MAPPER.writeValueAsString(copy), YAML).build()
                    : Response.ok(json.writeValueAsBytes(copy), MediaType.APPLICATION_JSON).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the merged document", e);
        }
    }
}
