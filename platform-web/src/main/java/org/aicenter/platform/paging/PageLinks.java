package org.aicenter.platform.paging;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.ArrayList;
import java.util.List;

/** Answers a page with RFC 8288 {@code Link} headers for first, prev, next and last (when the total is exact). */
public final class PageLinks {

    private PageLinks() {
    }

    public static Response ok(Page<?> page, UriInfo uri) {
        Response.ResponseBuilder builder = Response.ok(page);
        List<String> links = new ArrayList<>();
        if (page.page() > 0) {
            links.add(link(uri, 0, "first"));
            links.add(link(uri, Math.min(page.page() - 1, Math.max(page.totalPages() - 1, 0)), "prev"));
        }
        if (page.page() + 1 < page.totalPages()) {
            links.add(link(uri, page.page() + 1, "next"));
            if (page.totalItemsExact()) {
                // past the count's limit the last page is not known
                links.add(link(uri, page.totalPages() - 1, "last"));
            }
        }
        if (!links.isEmpty()) {
            builder.header("Link", String.join(", ", links));
        }
        return builder.build();
    }

    private static String link(UriInfo uri, int page, String rel) {
        String target = uri.getRequestUriBuilder().replaceQueryParam("page", page).build().toString();
        return "<" + target + ">; rel=\"" + rel + "\"";
    }
}
