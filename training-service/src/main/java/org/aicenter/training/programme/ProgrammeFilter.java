package org.aicenter.training.programme;

import org.aicenter.platform.persistence.Criteria;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** The filters of the programme list; each one is backed by an index. */
public record ProgrammeFilter(ProgrammeStatus status, Topic topic, Format format, Level level, String language,
                              LocalDate startFrom, LocalDate startTo, String q, UUID hostPartnerId,
                              Instant updatedSince) {

    ProgrammeFilter withStatus(ProgrammeStatus newStatus) {
        return new ProgrammeFilter(newStatus, topic, format, level, language, startFrom, startTo, q, hostPartnerId,
                updatedSince);
    }

    Criteria criteria() {
        return new Criteria()
                .and("p.status = :status", "status", status)
                .and("p.topic = :topic", "topic", topic)
                .and("p.format = :format", "format", format)
                .and("p.level = :level", "level", level)
                .and("p.language = :language", "language", language)
                .and("p.startDate >= :startFrom", "startFrom", startFrom)
                .and("p.startDate <= :startTo", "startTo", startTo)
                .and("p.hostPartnerId = :hostPartnerId", "hostPartnerId", hostPartnerId)
                .and("p.updatedAt >= :updatedSince", "updatedSince", updatedSince)
                .containsText(q, "lower(p.title)", "lower(p.code)", "lower(p.description)");
    }
}
