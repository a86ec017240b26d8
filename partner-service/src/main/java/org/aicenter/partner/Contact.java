package org.aicenter.partner;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A person at the partner; at most one contact of a partner is primary. */
public record Contact(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 200) @Schema(nullable = true) String title,
        @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "must be a valid email address") @Size(max = 320) @Schema(nullable = true) String email,
        @Size(max = 40) @Pattern(regexp = "[0-9+()\\- ]*", message = "may hold digits, spaces and + ( ) - only") @Schema(nullable = true) String phone,
        boolean primary) {
}
