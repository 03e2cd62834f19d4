package org.polyplex.proxy.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.polyplex.accounts.Role;
import org.polyplex.proxy.profile.OutputProfile;
import org.polyplex.proxy.profile.ProfileSessions;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code /api/profiles}: the output profiles a viewer may ask for with {@code ?profile=NAME}. */
@Path("/api/profiles")
@RolesAllowed(Role.ADMIN)
@SecurityRequirement(name = "SecurityScheme")
@Produces(MediaType.APPLICATION_JSON)
public class ProfilesResource {

    /**
     * One profile as the API shows it.
     *
     * @param transcodes false for {@code passthrough} only
     * @param args the ffmpeg output arguments between its MPEG-TS input and output
     */
    public record ProfileView(String name, String description, boolean transcodes, boolean builtIn, List<String> args) {

        static ProfileView from(OutputProfile profile) {
            return new ProfileView(profile.name(), profile.description(), profile.transcodes(), profile.builtIn(),
                    profile.args());
        }
    }

    private final ProfileSessions profiles;

    ProfilesResource(ProfileSessions profiles) {
        this.profiles = profiles;
    }

    /** Every profile, by name. */
    @GET
    public List<ProfileView> list() {
        return profiles.list().stream().map(ProfileView::from).toList();
    }
}
