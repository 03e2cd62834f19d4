package org.polyplex.scraping.violation;

import org.polyplex.catalog.model.Channel;

import org.hibernate.engine.spi.SessionImplementor;

/** Deliberate violation (test tree only): writing the catalog's table around its owner, with Hibernate internals. */
public class ScraperWritesChannels {

    SessionImplementor session;

    void write(Channel channel) {
        channel.persist();
        System.out.println("written");
    }
}
