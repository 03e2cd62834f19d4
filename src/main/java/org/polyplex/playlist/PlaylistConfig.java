package org.polyplex.playlist;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The M3U playlist of {@code /get.php}. */
@ConfigMapping(prefix = "polyplex.playlist")
public interface PlaylistConfig {

    /**
     * {@code group-title} of entries without a category (or whose category has no name). Players sort an empty group into an
     * unnamed or hidden folder, and strict
     * playlist validators reject {@code group-title=""}. Default {@code Uncategorized}. Must not
     * be blank and cannot hold a double quote or a line break, which would end the attribute or
     * the playlist line.
     */
    @WithDefault("Uncategorized")
    @NotBlank
    @Size(max = 200)
    @Pattern(regexp = "[^\"\r\n]*", message = "must not contain a double quote or a line break")
    String defaultGroup();
}
