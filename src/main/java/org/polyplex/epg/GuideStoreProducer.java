package org.polyplex.epg;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.polyplex.epg.store.GuideIndexLoaded;
import org.polyplex.epg.store.GuideStore;

import io.agroal.api.AgroalDataSource;

/**
 * Builds the one {@link GuideStore} from the feature's settings: the store is a plain class, so
 * {@code epg.store} depends on {@code epg.xmltv} only, never back on this package. New indexes
 * are announced as synchronous {@link GuideIndexLoaded} events (observed by {@link EpgService}).
 */
class GuideStoreProducer {

    @Produces
    @Singleton
    static GuideStore guideStore(AgroalDataSource dataSource, Event<GuideIndexLoaded> loaded, EpgConfig config) {
        return new GuideStore(dataSource, loaded::fire, config.query().timeout());
    }
}
