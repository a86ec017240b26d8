package org.aicenter.testing.contract;

import java.util.List;
import java.util.Map;

/**
 * One request and its answer, as any HTTP client of the tests saw them.
 *
 * @param path     the decoded-as-sent path, without the query
 * @param rawQuery the query as sent (percent-encoded), or null
 */
public record Exchange(String method, String path, String rawQuery, Map<String, List<String>> requestHeaders,
                       String requestContentType, byte[] requestBody, int status,
                       Map<String, List<String>> responseHeaders, String responseContentType, byte[] responseBody) {

    public String requestHeader(String name) {
        return first(requestHeaders, name);
    }

    public String responseHeader(String name) {
        return first(responseHeaders, name);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                return header.getValue().get(0);
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return method + " " + path + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery) + " -> " + status;
    }
}
