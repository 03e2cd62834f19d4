package org.polyplex.proxy.profile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.polyplex.proxy.session.SessionRegistry;
import org.polyplex.proxy.upstream.transcode.TranscoderKind;

import io.vertx.core.Vertx;

/**
 * Wires the output profiles: the profile set (validated at start-up, so a bad configured profile
 * stops the start naming its key), the entry point, and its transcoder kind as an
 * {@code UpstreamKind} bean, which the proxy's upstream factory picks up with the other kinds.
 * The registry is looked up lazily: it is built on that factory.
 */
@ApplicationScoped
public class ProfileBeans {

    @Produces
    @Singleton
    Profiles profiles(ProfilesConfig config) {
        return Profiles.of(config.custom());
    }

    @Produces
    @Singleton
    ProfileSessions sessions(Vertx vertx, Profiles profiles, ProfilesConfig config, Instance<SessionRegistry> registry) {
        return new ProfileSessions(vertx, profiles, config, registry::get, System::nanoTime);
    }

    @Produces
    @Singleton
    TranscoderKind transcoders(ProfileSessions sessions) {
        return sessions.kind();
    }
}
