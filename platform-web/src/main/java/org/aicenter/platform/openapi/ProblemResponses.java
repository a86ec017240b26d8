package org.aicenter.platform.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.Map;

/**
 * Documents the problem responses that the platform gives every operation (RFC 9457 bodies), so
 * each resource only documents what is particular to it.
 */
public class ProblemResponses implements OASFilter {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> entry : openAPI.getPaths().getPathItems().entrySet()) {
            String path = entry.getKey();
            for (Map.Entry<PathItem.HttpMethod, Operation> op : entry.getValue().getOperations().entrySet()) {
                if (path.startsWith("/api/")) {
                    document(path, op.getKey(), op.getValue());
                } else if (op.getValue().getResponses() != null) {
                    problemBodies(op.getValue().getResponses()); // an operation of its own: only what it declares
                }
            }
        }
    }

    private void document(String path, PathItem.HttpMethod method, Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        // Quarkus marks every @RolesAllowed operation with the bearer requirement; the rest are public.
        boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        boolean write = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
        add(responses, "400", "Invalid input: the problem names each field (`errors`)");
        add(responses, "406", "The Accept header admits none of the media types this operation answers with");
        if (secured) {
            add(responses, "401", "No valid bearer token");
            add(responses, "403", "The token's roles do not allow this operation");
        }
        if (path.contains("{")) {
            add(responses, "404", "No such resource");
        }
        if (write && operation.getRequestBody() != null) {
            add(responses, "413", "The body exceeds the size limit");
            add(responses, "415", "The body is not JSON (merge-patch+json for PATCH)");
        }
        if (takesHeader(operation, ContractConventions.IF_MATCH)) {
            add(responses, "412", "If-Match does not name the current ETag: someone changed it meanwhile");
            add(responses, "428", "If-Match is missing");
        }
        if (takesHeader(operation, ContractConventions.IDEMPOTENCY_KEY)) {
            add(responses, "422", "Idempotency-Key reused with another body, or a referenced record is unusable");
        }
        if (path.endsWith("/changes") && method == PathItem.HttpMethod.GET) {
            add(responses, "410", "The cursor is older than the events the feed keeps (cursor-expired): resync from the "
                    + "list, then follow the feed from after=now");
        }
        add(responses, "500", "Unexpected failure; the body carries only the requestId");
        problemBodies(responses);
        add(responses, "503", "Something this operation needs (its database, another service) is unavailable for now; "
                + "nothing was changed: try again after Retry-After");
    }

    /** What a resource declares itself (a 409, a 503) is a problem too: its words, the platform's body. */
    private void problemBodies(APIResponses responses) {
        responses.getAPIResponses().forEach((code, response) -> {
            if ((code.startsWith("4") || code.startsWith("5")) && response.getContent() == null && response.getRef() == null) {
                response.setContent(problemContent());
            }
        });
    }

    private static boolean takesHeader(Operation operation, String name) {
        return operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> p.getIn() == org.eclipse.microprofile.openapi.models.parameters.Parameter.In.HEADER
                        && name.equalsIgnoreCase(p.getName()));
    }

    private static void add(APIResponses responses, String code, String description) {
        if (responses.hasAPIResponse(code)) {
            var existing = responses.getAPIResponse(code);
            if (existing.getContent() == null && existing.getRef() == null) {
                existing.setContent(problemContent());
            }
            return;
        }
        responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description).content(problemContent()));
    }

    private static Content problemContent() {
        MediaType problem = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF));
        return OASFactory.createContent().addMediaType("application/problem+json", problem);
    }
}
