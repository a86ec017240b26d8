package org.aicenter.training.certificate;

import org.aicenter.training.programme.Level;
import org.aicenter.training.programme.Topic;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/** What a public certificate check shows: enough to confirm the certificate, nothing more about the holder. */
@Schema(name = "Certificate")
public record CertificateView(
        @Schema(examples = "CERT-7KQ2-M9XD-4RT8") String code,
        @Schema(examples = "张伟") String holderName,
        @Schema(examples = "TRN-2026-0007") String programmeCode,
        String programmeTitle,
        Topic topic,
        Level level,
        LocalDate programmeStartDate,
        LocalDate programmeEndDate,
        @Schema(description = "the day the holder completed the programme (service time zone)") LocalDate completedOn) {
}
