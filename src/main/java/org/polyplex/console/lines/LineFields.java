package org.polyplex.console.lines;

import java.util.List;
import java.util.Set;

import org.jboss.resteasy.reactive.RestForm;

/**
 * The fields a line's create and edit forms post, access rules included, bound as one
 * {@code @BeanParam}; {@link #form} turns them into the {@link LineForm} the pages render and
 * validate.
 */
public class LineFields {

    @RestForm
    String csrf;
    @RestForm
    String username;
    @RestForm
    String password;
    @RestForm
    String maxConnections;
    @RestForm
    String expires;
    @RestForm
    boolean enabled;
    @RestForm
    boolean trial;
    @RestForm
    boolean admin;
    @RestForm
    List<Long> bouquetIds;
    @RestForm
    List<String> formats;
    @RestForm
    String addresses;
    @RestForm
    String userAgents;
    @RestForm
    boolean lockToFirstAddress;
    @RestForm
    String countryLock;
    @RestForm
    String ispLock;
    @RestForm
    String outputProfile;

    String csrf() {
        return csrf;
    }

    LineForm form(LineBouquets bouquets) {
        return new LineForm(username, password, maxConnections, expires, enabled, trial, admin,
                bouquets.parse(bouquetIds), formats == null ? Set.of() : Set.copyOf(formats), addresses, userAgents,
                lockToFirstAddress, countryLock, ispLock, outputProfile);
    }
}
