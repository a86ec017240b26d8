package org.aicenter.training.programme;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Someone who teaches a programme; kept as a value of the programme. */
public record Instructor(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "must be a valid email address")
        @Size(max = 320) String email) {
}
