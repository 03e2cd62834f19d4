package org.polyplex.proxy.violation;

import java.sql.Connection;

/** Deliberate violation (test tree only): the data plane reaching the database and sleeping. */
public class ProxyBlocks {

    Connection connection;

    void pause() throws InterruptedException {
        Thread.sleep(1);
    }
}
