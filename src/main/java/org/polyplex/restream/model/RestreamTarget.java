package org.polyplex.restream.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One destination of a restream, with the profile and audio mode it is sent with. */
@Embeddable
public class RestreamTarget {

    @Column(name = "destination_id", nullable = false)
    public Long destinationId;

    @Column(nullable = false, length = 10)
    public Profile profile;

    @Column(nullable = false, length = 12)
    public AudioMode audio;

    public RestreamTarget() {
    }

    public RestreamTarget(long destinationId, Profile profile, AudioMode audio) {
        this.destinationId = destinationId;
        this.profile = profile;
        this.audio = audio;
    }
}
