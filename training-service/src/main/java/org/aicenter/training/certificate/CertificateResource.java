package org.aicenter.training.certificate;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Public certificate verification: anyone holding a code can check it, no token needed. */
@Path("/api/v1/certificates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "certificates", description = "Verify a training certificate")
@PermitAll
public class CertificateResource {

    @Inject
    Certificates certificates;

    @GET
    @Path("/{code}")
    @Operation(summary = "Verify a certificate", description = "Public, no token. Answers the programme, the holder's "
            + "name and the completion date for a certificate issued when an enrolment was COMPLETED; any other "
            + "code (unknown or malformed) is a 404. Codes are matched in any case.")
    @APIResponse(responseCode = "200", description = "The certificate is genuine",
            content = @Content(schema = @Schema(implementation = CertificateView.class)))
    @APIResponse(responseCode = "404", description = "No certificate has this code")
    public CertificateView verify(@PathParam("code") String code) {
        return certificates.verify(code);
    }
}
