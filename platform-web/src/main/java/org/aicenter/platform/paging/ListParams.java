package org.aicenter.platform.paging;

import jakarta.ws.rs.QueryParam;
import org.aicenter.platform.web.Params;

import java.time.Instant;

/**
 * The parameters every list takes besides its filters ({@code @BeanParam ListParams list}):
 * {@code page}, {@code size}, {@code sort} and {@code updatedSince}, each parsed into a 400 that
 * names it. The contract's schemas for them come from the platform's ContractConventions.
 */
public class ListParams {

    // Public so that Quarkus REST can set them from the query; read through the methods below.
    @QueryParam("page")
    public String page;
    @QueryParam("size")
    public String size;
    @QueryParam("sort")
    public String sort;
    @QueryParam("updatedSince")
    public String updatedSince;

    public PageRequest pageRequest() {
        return PageRequest.parse(page, size);
    }

    public String sort() {
        return Params.text("sort", sort);
    }

    public Instant updatedSince() {
        return Params.instant("updatedSince", updatedSince);
    }
}
