package org.aicenter.platform.concurrency;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import org.aicenter.platform.problem.ProblemException;
import org.aicenter.platform.problem.ProblemType;

/** {@code ETag: "<version>"} out, {@code If-Match} in: stale is 412, missing is 428. */
public final class ETags {

    private ETags() {
    }

    public static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** 200 with the resource and its version as the ETag: how every single resource is answered. */
    public static Response ok(Versioned view) {
        return Response.ok(view).tag(of(view.version())).build();
    }

    /**
     * Refuses the write unless {@code ifMatch} names {@code currentVersion}. {@code *} ("whatever
     * it is now") is refused like a missing If-Match (428): it would skip the version check, and
     * every write here must say which version it read.
     */
    public static void require(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                    "Send If-Match with the ETag you last read, so concurrent edits are never lost");
        }
        String current = Long.toString(currentVersion);
        boolean wildcard = false;
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                wildcard = true;
                continue;
            }
            if (tag.startsWith("W/")) {
                continue; // If-Match uses the strong comparison (RFC 9110 13.1.1)
            }
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")
                    && tag.substring(1, tag.length() - 1).equals(current)) {
                return;
            }
        }
        if (wildcard) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                    "If-Match: * is not accepted; send the ETag you last read, so concurrent edits are never lost");
        }
        throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                "If-Match " + abbreviate(ifMatch) + " does not match the current ETag \"" + current
                        + "\"; read the resource again and retry")
                .header("ETag", "\"" + current + "\"");
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
