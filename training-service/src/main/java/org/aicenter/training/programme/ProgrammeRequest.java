package org.aicenter.training.programme;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.aicenter.platform.problem.FieldError;
import org.aicenter.platform.problem.ProblemException;
import org.aicenter.platform.problem.ProblemType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a client sends to create or replace a programme. The code, status, sessions, id and audit
 * fields are not taken from it (a {@code status} in the body is ignored).
 */
@Schema(name = "ProgrammeRequest")
public record ProgrammeRequest(
        @NotBlank @Size(min = 1, max = 300) @Schema(examples = "生成式人工智能政务应用研修班") String title,
        @Size(max = 10000) String description,
        @NotNull Topic topic,
        @NotNull Format format,
        @NotNull Level level,
        @NotNull @Pattern(regexp = "zh|en", message = "must be zh or en") @Schema(enumeration = {"zh", "en"}) String language,
        @NotNull @Min(1) @Max(10000) @Schema(examples = "40") Integer capacity,
        @Size(max = 500) @Schema(description = "required for IN_PERSON and HYBRID", examples = "徐汇区漕河泾 AI 创新中心 3 楼")
        String location,
        @NotNull @Schema(examples = "2026-09-14") LocalDate startDate,
        @NotNull @Schema(examples = "2026-09-18") LocalDate endDate,
        @NotNull @Schema(description = "on or before startDate; enrolment is open up to and including this day",
                examples = "2026-09-07") LocalDate enrolmentDeadline,
        @Size(max = 50) List<@NotNull @Valid Instructor> instructors,
        @Schema(description = "a partner organisation hosting the programme; checked with partner-service")
        UUID hostPartnerId) {

    public ProgrammeRequest {
        instructors = instructors == null ? List.of() : instructors;
    }

    /** The rules that tie fields together, each named by the field a client should fix. */
    void checkConsistency() {
        List<FieldError> errors = new ArrayList<>();
        if (format.needsLocation() && (location == null || location.isBlank())) {
            errors.add(new FieldError("location", "is required for " + format + " programmes"));
        }
        if (endDate.isBefore(startDate)) {
            errors.add(new FieldError("endDate", "must be on or after startDate"));
        }
        if (enrolmentDeadline.isAfter(startDate)) {
            errors.add(new FieldError("enrolmentDeadline", "must be on or before startDate"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION,
                    errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")), errors);
        }
    }

    static ProgrammeRequest of(Programme p) {
        return new ProgrammeRequest(p.title, p.description, p.topic, p.format, p.level, p.language, p.capacity,
                p.location, p.startDate, p.endDate, p.enrolmentDeadline, List.copyOf(p.instructors), p.hostPartnerId);
    }
}
