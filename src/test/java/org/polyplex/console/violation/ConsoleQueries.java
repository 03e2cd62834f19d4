package org.polyplex.console.violation;

import java.util.List;

import org.polyplex.catalog.model.Channel;
import org.polyplex.xtream.PlayerApiResource;

/** Deliberate violation: a console page querying an entity itself and reaching into the Xtream adapter. */
public class ConsoleQueries {

    public List<Channel> channels() {
        return Channel.listAll();
    }

    public String adapter(PlayerApiResource resource) {
        return resource.toString();
    }
}
