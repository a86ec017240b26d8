package org.aicenter.platform.paging;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Answers a page with RFC 8288 {@code Link} headers for first, prev, next and last. */
public final class PageLinks {

    private PageLinks() {
    }

    public static Response ok(Page<?> page, UriInfo uri) {
        Response.ResponseBuilder builder = Response.ok(page);
        if (page.page() > 0) {
            link(builder, uri, 0, "first");
            link(builder, uri, Math.min(page.page() - 1, Math.max(page.totalPages() - 1, 0)), "prev");
        }
        if (page.page() + 1 < page.totalPages()) {
            link(builder, uri, page.page() + 1, "next");
            link(builder, uri, page.totalPages() - 1, "last");
        }
        return builder.build();
    }

    private static void link(Response.ResponseBuilder builder, UriInfo uri, int page, String rel) {
        String target = uri.getRequestUriBuilder().replaceQueryParam("page", page).build().toString();
        builder.header("Link", "<" + target + ">; rel=\"" + rel + "\"");
    }
}
