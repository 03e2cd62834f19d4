package org.polyplex.catalog.model;

import java.util.Objects;

/**
 * The one rule between admins and imports: admin edits win. When an admin changes a channel's
 * name, logo or number, the channel is marked {@link Channel#manuallyEdited}; from then on imports
 * keep its name, logo, number and category as the admin left them. Imports still fill a missing
 * EPG id, add and refresh their own sources, and disable or re-enable the channel by its sources.
 * Admin writes ({@code ChannelService}) and imports ({@code CatalogImport}) both ask this class.
 */
public final class AdminEdits {

    private AdminEdits() {
    }

    /**
     * Whether an admin write that gives {@code channel} these values is an edit that imports must
     * respect from now on. Creating a channel is no edit; the mark, once set, stays.
     */
    public static boolean marksEdited(Channel channel, String name, String logoUrl, Integer number) {
        return channel.manuallyEdited || channel.id != null && (!name.equals(channel.name)
                || !Objects.equals(logoUrl, channel.logoUrl) || !Objects.equals(number, channel.number));
    }

    /**
     * The value an import gives a channel's name, logo or category: the listed one, unless an admin
     * edited the channel or the listing names none.
     */
    public static <T> T imported(boolean manuallyEdited, T current, T listed) {
        return manuallyEdited || listed == null ? current : listed;
    }
}
