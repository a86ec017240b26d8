package org.aicenter.training.enrolment;

import org.aicenter.platform.persistence.Criteria;

import java.time.Instant;
import java.util.UUID;

/** The filters of the enrolment lists; each one is backed by an index. */
public record EnrolmentFilter(UUID programmeId, EnrolmentStatus status, String email, UUID partnerId,
                              Instant updatedSince) {

    Criteria criteria() {
        return new Criteria()
                .and("e.programmeId = :programmeId", "programmeId", programmeId)
                .and("e.status = :status", "status", status)
                .and("lower(e.email) = lower(:email)", "email", email)
                .and("e.partnerId = :partnerId", "partnerId", partnerId)
                .and("e.updatedAt >= :updatedSince", "updatedSince", updatedSince);
    }
}
