package org.polyplex.restream;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.polyplex.restream.model.AudioMode;
import org.polyplex.restream.model.Profile;

/**
 * A restream as created (POST) or replaced (PUT): the source channel and its destinations, each
 * with a profile ({@code copy} when absent) and an audio mode ({@code auto} when absent).
 */
public record RestreamInput(@NotNull Long channelId, @NotEmpty @Size(max = 32) List<@Valid @NotNull Target> destinations) {

    /** One destination of the restream. */
    public record Target(@NotNull Long destinationId, Profile profile, AudioMode audio) {
    }
}
