package org.aicenter.partnerclient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.UUID;

/**
 * The part of partner-service's {@code Partner} that other services read. Unknown fields are
 * ignored so partner-service can grow its document without breaking its clients; status stays a
 * string so a status added later is read, not refused.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PartnerSummary(UUID id, String name, String nameEn, String type, String status) {

    public static final String ENDED = "ENDED";

    public boolean ended() {
        return ENDED.equals(status);
    }
}
