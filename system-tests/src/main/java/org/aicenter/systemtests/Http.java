package org.aicenter.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plain HTTP/1.1 client for one base URL (the gateway): every request has a time limit, and an
 * answer that never comes is a {@link Reply} with status 0 that says so, never a hang.
 */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final String base;
    private final Duration timeout;
    private volatile Observer observer;

    /** Sees every exchange a {@link Request} makes (not the raw ones, whose targets are not URIs). */
    public interface Observer {
        void exchanged(String method, String pathAndQuery, Map<String, String> requestHeaders, byte[] requestBody, Reply reply);
    }

    /** Every later {@link Request#send()} is shown to {@code observer} once its answer is in. */
    public Http observe(Observer observer) {
        this.observer = observer;
        return this;
    }

    public Http(String base, Duration timeout) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public String base() {
        return base;
    }

    /** A request under construction; {@link #send()} sends it. */
    public Request request(String method, String pathAndQuery) {
        return new Request(method, pathAndQuery);
    }

    /**
     * Sends a request target exactly as given, even one no URI class accepts (a lone {@code %},
     * bytes that are not UTF-8), over a plain socket; the connection is closed after the answer.
     * {@code extraHeaders} come in name/value pairs.
     */
    public Reply raw(String method, String target, String authorization, String... extraHeaders) {
        long began = System.nanoTime();
        URI uri = URI.create(base);
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
            socket.setSoTimeout((int) timeout.toMillis());
            StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                    .append("Connection: close\r\nContent-Length: 0\r\n");
            if (authorization != null) {
                head.append("Authorization: ").append(authorization).append("\r\n");
            }
            for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
                head.append(extraHeaders[i]).append(": ").append(extraHeaders[i + 1]).append("\r\n");
            }
            head.append("\r\n");
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            byte[] answer = socket.getInputStream().readAllBytes();
            String text = new String(answer, StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/1.1 ") || end < 0) {
                return new Reply(0, Map.of(), text, System.nanoTime() - began, "not an HTTP answer: " + text);
            }
            int status = Integer.parseInt(text.substring(9, 12));
            Map<String, java.util.List<String>> headers = new LinkedHashMap<>();
            for (String line : text.substring(0, end).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new java.util.ArrayList<>())
                            .add(line.substring(colon + 1).trim());
                }
            }
            String body = text.substring(end + 4);
            if ("chunked".equalsIgnoreCase(String.valueOf(new Reply(status, headers, "", 0, null).header("Transfer-Encoding")))) {
                body = dechunk(body);
            }
            return new Reply(status, headers, body, System.nanoTime() - began, null);
        } catch (java.net.SocketTimeoutException e) {
            return new Reply(0, Map.of(), "", System.nanoTime() - began, "no answer within " + timeout.toMillis() + " ms");
        } catch (IOException | RuntimeException e) {
            return new Reply(0, Map.of(), "", System.nanoTime() - began, e.toString());
        }
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            // Sizes count bytes; the bodies here are ASCII JSON, where bytes and chars agree.
            body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }

    public Reply get(String pathAndQuery, String authorization) {
        return request("GET", pathAndQuery).auth(authorization).send();
    }

    public Reply postJson(String pathAndQuery, String authorization, Object body) {
        return request("POST", pathAndQuery).auth(authorization).json(body).send();
    }

    public final class Request {
        private final String method;
        private final String pathAndQuery;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body;
        private boolean chunked;
        private Duration limit = timeout;

        private Request(String method, String pathAndQuery) {
            this.method = method;
            this.pathAndQuery = pathAndQuery;
        }

        public Request header(String name, String value) {
            if (value != null) {
                remove(name);
                headers.put(name, value);
            }
            return this;
        }

        public Request remove(String name) {
            headers.keySet().removeIf(key -> key.equalsIgnoreCase(name));
            return this;
        }

        public Request auth(String authorization) {
            return header("Authorization", authorization);
        }

        public Request ifMatch(String etag) {
            return header("If-Match", etag);
        }

        public Request json(Object value) {
            try {
                return body(value instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(value),
                        "application/json");
            } catch (IOException e) {
                throw new IllegalArgumentException(e);
            }
        }

        public Request body(byte[] bytes, String contentType) {
            this.body = bytes;
            remove("Content-Type");
            return header("Content-Type", contentType);
        }

        /** Sends the body without a Content-Length (chunked), as a streaming client does. */
        public Request chunked() {
            this.chunked = true;
            return this;
        }

        public Request timeout(Duration value) {
            this.limit = value;
            return this;
        }

        public Reply send() {
            long began = System.nanoTime();
            try {
                HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(limit)
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                : chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))
                                : HttpRequest.BodyPublishers.ofByteArray(body));
                headers.forEach(builder::header);
                HttpResponse<byte[]> answer = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
                Reply reply = new Reply(answer.statusCode(), answer.headers().map(),
                        new String(answer.body(), StandardCharsets.UTF_8), System.nanoTime() - began, null);
                Observer watching = observer;
                if (watching != null) {
                    watching.exchanged(method, pathAndQuery, headers, body, reply);
                }
                return reply;
            } catch (HttpTimeoutException e) {
                return new Reply(0, Map.of(), "", System.nanoTime() - began, "no answer within " + limit.toMillis() + " ms");
            } catch (IOException e) {
                return new Reply(0, Map.of(), "", System.nanoTime() - began, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Reply(0, Map.of(), "", System.nanoTime() - began, "interrupted");
            }
        }

        @Override
        public String toString() {
            return method + " " + pathAndQuery;
        }
    }

    /**
     * An answer; status 0 when none came ({@code failure} says why).
     */
    public record Reply(int status, Map<String, java.util.List<String>> headers, String body, long nanos, String failure) {

        public String header(String name) {
            for (Map.Entry<String, java.util.List<String>> entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                    return entry.getValue().get(0);
                }
            }
            return null;
        }

        public String contentType() {
            String type = header("Content-Type");
            return type == null ? "" : type;
        }

        public boolean isProblem() {
            return contentType().startsWith("application/problem+json");
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + abbreviated(), e);
            }
        }

        public String etag() {
            return header("ETag");
        }

        public String abbreviated() {
            return body.length() > 500 ? body.substring(0, 500) + "…" : body;
        }

        @Override
        public String toString() {
            return failure != null ? "(" + failure + ")" : status + " " + abbreviated();
        }
    }
}
