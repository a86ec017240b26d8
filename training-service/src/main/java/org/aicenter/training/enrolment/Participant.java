package org.aicenter.training.enrolment;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** The person who enrols; {@code partnerId} names their organisation when it is a partner of the center. */
@Schema(name = "Participant")
public record Participant(
        @NotBlank @Size(max = 200) @Schema(examples = "张伟") String name,
        @NotBlank @Size(max = 320) @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "must be a valid email address")
        @Schema(examples = "zhang.wei@example.cn") String email,
        @NotBlank @Size(max = 300) @Schema(examples = "上海市徐汇区大数据中心") String organisation,
        @Schema(nullable = true, description = "the participant's organisation as a partner; checked with partner-service") UUID partnerId) {

    static Participant of(Enrolment e) {
        return new Participant(e.name, e.email, e.organisation, e.partnerId);
    }
}
