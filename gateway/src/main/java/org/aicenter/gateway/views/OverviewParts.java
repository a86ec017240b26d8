package org.aicenter.gateway.views;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Types the parts of {@link PartnerOverview} in the contract with the owning services' own schemas,
 * since the gateway passes each part on as that service answers it: {@code partner} is a
 * {@code Partner}, and each listing's items are {@code Project}, {@code Programme} or
 * {@code Enrolment}. The gateway's own document names those schemas without defining them; the
 * merged document, which clients generate from, has them from the services' contracts.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class OverviewParts implements OASFilter {

    static final String OVERVIEW = "PartnerOverview";
    static final String LISTING = "PartnerOverviewListing";

    /** Overview property, its listing schema's name, the item schema the owning service defines, and what it lists. */
    record Part(String property, String listing, String item, String what) {
    }

    static final List<Part> LISTINGS = List.of(
            new Part("projects", "PartnerOverviewProjects", "Project", "Projects it leads or takes part in (project-service)"),
            new Part("programmes", "PartnerOverviewProgrammes", "Programme", "Programmes it hosts (training-service)"),
            new Part("enrolments", "PartnerOverviewEnrolments", "Enrolment", "Enrolments of people from this organisation (training-service)"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = new LinkedHashMap<>(openAPI.getComponents().getSchemas());
        Schema overview = schemas.get(OVERVIEW);
        Schema listing = schemas.remove(LISTING);
        if (overview == null || listing == null || overview.getProperties() == null) {
            return;
        }
        Map<String, Schema> properties = new LinkedHashMap<>(overview.getProperties());
        properties.put("partner", OASFactory.createSchema().ref("Partner")
                .description("The partner as partner-service answers GET /api/v1/partners/{id}"));
        for (Part part : LISTINGS) {
            schemas.put(part.listing(), typedListing(listing, part));
            properties.put(part.property(), OASFactory.createSchema().ref(part.listing()).description(part.what()));
        }
        overview.setProperties(properties);
        openAPI.getComponents().setSchemas(schemas);
    }

    /** The common listing (available, reason, totalItems, items) with items of the part's own schema. */
    private static Schema typedListing(Schema common, Part part) {
        Schema typed = OASFactory.createSchema()
                .type(common.getType())
                .description(part.what() + ", as the owning service lists them; or available=false and why")
                .required(common.getRequired());
        Map<String, Schema> properties = new LinkedHashMap<>(common.getProperties());
        properties.put("items", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                .items(OASFactory.createSchema().ref(part.item())));
        typed.setProperties(properties);
        return typed;
    }
}
