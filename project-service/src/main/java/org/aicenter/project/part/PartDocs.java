package org.aicenter.project.part;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import jakarta.annotation.security.RolesAllowed;
import org.aicenter.platform.openapi.ContractConventions;
import org.aicenter.platform.tokens.Roles;
import org.aicenter.project.milestone.MilestoneResource;
import org.aicenter.project.outcome.OutcomeResource;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes each kind's words into the operations {@link ProjectPartResource} declares once for every
 * kind: summaries, descriptions, the responses' words, the part's schema on the answers that return
 * one (the list's items say which), and what {@code partId} names. A kind whose parts stay open
 * drops the 409 of a final part. The platform's filter gives every problem response its schema.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class PartDocs implements OASFilter {

    static final List<PartKind<?, ?, ?>> KINDS = List.of(MilestoneResource.KIND, OutcomeResource.KIND);

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        for (PartKind<?, ?, ?> kind : KINDS) {
            String base = "/api/v1/projects/{id}/" + kind.plural();
            PathItem collection = openAPI.getPaths().getPathItem(base);
            PathItem one = openAPI.getPaths().getPathItem(base + "/{partId}");
            if (collection == null || one == null) {
                throw new IllegalStateException("no operations at " + base + " for the " + kind.noun() + " kind");
            }
            String noun = kind.noun();
            String own = "If-Match takes the " + noun + "'s own ETag.";
            Content part = OASFactory.createContent().addMediaType("application/json",
                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref(kind.title())));
            String pageName = kind.title() + "Page";
            openAPI.getComponents().addSchema(pageName, pageSchema(kind.title()));
            describe(kind, "list", collection.getGET(), "List a project's " + kind.plural(), kind.order()
                            + " Paged like every list (page, size, sort, updatedSince; Link headers).",
                    "200", "A page of the " + kind.plural(), OASFactory.createContent().addMediaType("application/json",
                            OASFactory.createMediaType().schema(OASFactory.createSchema().ref(pageName))));
            collection.getGET().addExtension(ContractConventions.SORT_EXTENSION, kind.sorting().documented());
            describe(kind, "create", collection.getPOST(), "Add " + kind.withArticle(), "No If-Match needed. " + kind.rules(),
                    "201", "Created; Location and ETag headers", part);
            collection.getPOST().getResponses().getAPIResponse("422").setDescription("Too many " + kind.plural()
                    + " (at most " + ProjectParts.MAX_PER_PROJECT + "), or the Idempotency-Key was used with another body");
            describe(kind, "get", one.getGET(), "Read " + kind.withArticle(), null,
                    "200", "The " + noun + "; ETag header (its own version)", part);
            describe(kind, "replace", one.getPUT(), "Replace " + kind.withArticle(), own + " " + kind.rules(),
                    "200", "The updated " + noun + "; new ETag", part);
            describe(kind, "patch", one.getPATCH(), "Change some fields of " + kind.withArticle(), "JSON merge patch; " + own,
                    "200", "The updated " + noun + "; new ETag", part);
            describe(kind, "delete", one.getDELETE(), "Remove " + kind.withArticle(), own, "204", "Removed", null);
        }
    }

    /** The list envelope of every list, over the part's schema. */
    private static Schema pageSchema(String item) {
        Schema page = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("One page of a project's " + item.toLowerCase(java.util.Locale.ROOT) + "s");
        page.addProperty("items", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                .items(OASFactory.createSchema().ref(item)));
        page.addProperty("page", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32"));
        page.addProperty("size", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32"));
        page.addProperty("totalItems", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int64"));
        page.addProperty("totalPages", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32"));
        page.addProperty("totalItemsExact", OASFactory.createSchema().addType(Schema.SchemaType.BOOLEAN));
        page.setRequired(List.of("items", "page", "size", "totalItems", "totalPages", "totalItemsExact"));
        return page;
    }

    /** The roles of the base class's method: the scanner reads them for its own methods only. */
    private static List<String> rolesOf(String method) {
        for (java.lang.reflect.Method declared : ProjectPartResource.class.getDeclaredMethods()) {
            RolesAllowed roles = declared.getAnnotation(RolesAllowed.class);
            if (declared.getName().equals(method) && roles != null) {
                List<String> named = new ArrayList<>();
                for (String role : roles.value()) {
                    named.addAll(role.equals(Roles.ANY) ? List.of(Roles.ALL) : List.of(role));
                }
                return named;
            }
        }
        throw new IllegalStateException("ProjectPartResource has no @RolesAllowed method " + method);
    }

    private static void describe(PartKind<?, ?, ?> kind, String method, Operation operation, String summary,
                                 String description, String success, String successDescription, Content body) {
        operation.setSummary(summary);
        operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme("bearer", rolesOf(method))));
        operation.setDescription(description);
        APIResponses responses = operation.getResponses();
        APIResponse answer = responses.getAPIResponse(success).description(successDescription);
        if (body != null) {
            answer.setContent(body);
        }
        APIResponse missing = responses.getAPIResponse("404");
        if (missing == null) {
            responses.addAPIResponse("404", OASFactory.createAPIResponse().description("No such project or " + kind.noun()));
        } else {
            missing.setDescription("No such project or " + kind.noun());
        }
        if (responses.hasAPIResponse("409")) {
            if (kind.finalOnceProjectIs()) {
                responses.getAPIResponse("409").setDescription("The project is COMPLETED or CANCELLED: its "
                        + kind.plural() + " are final");
            } else {
                responses.removeAPIResponse("409");
            }
        }
        boolean projectId = false;
        for (Parameter parameter : operation.getParameters() == null ? List.<Parameter>of() : operation.getParameters()) {
            if ("partId".equals(parameter.getName())) {
                parameter.setDescription("The " + kind.noun() + "'s id");
            }
            projectId |= "id".equals(parameter.getName()) && parameter.getIn() == Parameter.In.PATH;
        }
        if (!projectId) {
            // The scanner takes {id} for the subclass's own path, not for the base class's @PathParam("id").
            operation.addParameter(OASFactory.createParameter().name("id").in(Parameter.In.PATH).required(true)
                    .description("The project's id").schema(OASFactory.createSchema()
                            .addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.STRING)));
        }
    }
}
