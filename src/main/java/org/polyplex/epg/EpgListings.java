package org.polyplex.epg;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of {@code get_short_epg} and {@code get_simple_data_table}: {@code {"epg_listings":[...]}}. */
public record EpgListings(@JsonProperty("epg_listings") List<EpgListing> listings) {
}
