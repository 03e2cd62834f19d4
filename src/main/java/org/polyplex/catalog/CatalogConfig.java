package org.polyplex.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The catalog's bounds on what sources and admins may store. */
@ConfigMapping(prefix = "polyplex.catalog")
public interface CatalogConfig {

    /** The HTTP request headers a channel source sends upstream (User-Agent, Referer, ...). */
    SourceHeaders sourceHeaders();

    /** Bounds of the headers stored per channel source. */
    interface SourceHeaders {

        /**
         * Most headers one channel source may carry; a list's extra ones are dropped with a run
         * warning, an admin's are refused. Players send two or three; the bound keeps a hostile
         * list from making every upstream request large. Default 16.
         */
        @WithDefault("16")
        @Min(1)
        @Max(32)
        int maxCount();

        /**
         * Longest value of one header, in characters; longer ones are dropped (lists) or refused
         * (admins). Long enough for real User-Agent strings and session cookies. Default 1024.
         */
        @WithDefault("1024")
        @Min(16)
        @Max(8192)
        int maxValueLength();
    }
}
