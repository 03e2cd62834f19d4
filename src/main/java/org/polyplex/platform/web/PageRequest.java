package org.polyplex.platform.web;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/**
 * {@code ?page=&size=} of a list endpoint; zero-based page. The size is capped by
 * {@link ApiConfig#maxPageSize()} rather than rejected, as most list APIs do.
 */
public class PageRequest {

    @QueryParam("page")
    @DefaultValue("0")
    int page;

    @QueryParam("size")
    @DefaultValue("0")
    int size;

    public static PageRequest of(int page, int size) {
        PageRequest request = new PageRequest();
        request.page = page;
        request.size = size;
        return request;
    }

    public int page() {
        if (page < 0) {
            throw ApiException.invalid("page", "must be 0 or more");
        }
        return page;
    }

    public int size(ApiConfig config) {
        if (size < 0) {
            throw ApiException.invalid("size", "must be 1 or more");
        }
        return size == 0 ? config.defaultPageSize() : Math.min(size, config.maxPageSize());
    }
}
