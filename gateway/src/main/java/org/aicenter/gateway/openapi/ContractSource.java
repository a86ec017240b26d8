package org.aicenter.gateway.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One service's OpenAPI document as the merger gets it.
 *
 * @param service  the service's name ({@code partner-service})
 * @param key      its short key ({@code partner}), used to prefix colliding component names
 * @param origin   where the document came from
 * @param location the URL or file it was read from
 * @param reason   why the live document was not used (null when it was)
 * @param document the document, or null when there is none at all
 */
public record ContractSource(String service, String key, Origin origin, String location, String reason,
                             ObjectNode document) {

    public enum Origin {
        /** Fetched from the running service's /q/openapi. */
        LIVE,
        /** The committed contract in contracts/, used because the service did not answer. */
        CONTRACT,
        /** Neither: the service's operations are missing from the document. */
        MISSING,
        /** The gateway's own endpoints. */
        GATEWAY
    }
}
