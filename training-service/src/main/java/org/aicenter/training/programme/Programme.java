package org.aicenter.training.programme;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import org.aicenter.platform.persistence.AuditedEntity;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A training programme. Instructors are values of the programme; sessions and enrolments have their own rows. */
@Entity
@Table(name = "programmes")
public class Programme extends AuditedEntity {

    @Column(nullable = false, updatable = false, length = 20)
    public String code;

    @Column(nullable = false, length = 300)
    public String title;

    @Column(length = 10000)
    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Topic topic;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Format format;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Level level;

    @Column(nullable = false, length = 2)
    public String language;

    @Column(nullable = false)
    public int capacity;

    @Column(length = 500)
    public String location;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ProgrammeStatus status = ProgrammeStatus.DRAFT;

    @Column(name = "start_date", nullable = false)
    public LocalDate startDate;

    @Column(name = "end_date", nullable = false)
    public LocalDate endDate;

    @Column(name = "enrolment_deadline", nullable = false)
    public LocalDate enrolmentDeadline;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<Instructor> instructors = new ArrayList<>();

    @Column(name = "host_partner_id")
    public UUID hostPartnerId;

    void apply(ProgrammeRequest request) {
        title = request.title().strip();
        description = blankToNull(request.description());
        topic = request.topic();
        format = request.format();
        level = request.level();
        language = request.language();
        capacity = request.capacity();
        location = blankToNull(request.location());
        startDate = request.startDate();
        endDate = request.endDate();
        enrolmentDeadline = request.enrolmentDeadline();
        instructors = new ArrayList<>(request.instructors());
        hostPartnerId = request.hostPartnerId();
    }

    /** Enrolment is open while the programme is published, up to and including its deadline day. */
    public boolean enrolmentOpenOn(LocalDate today) {
        return status == ProgrammeStatus.PUBLISHED && !today.isAfter(enrolmentDeadline);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
