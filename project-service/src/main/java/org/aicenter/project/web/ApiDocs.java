package org.aicenter.project.web;

/** Texts repeated in the OpenAPI annotations of the resources. */
public final class ApiDocs {

    public static final String IF_MATCH = "The ETag last read (\"<version>\"); required: 428 without it, 412 when stale";
    public static final String IDEMPOTENCY_KEY = "Optional; the same key with the same body answers the first "
            + "response again (kept 24 hours, per caller); with another body 422";
    public static final String ETAG = "\"<version>\" of the resource, for If-Match";

    private ApiDocs() {
    }
}
