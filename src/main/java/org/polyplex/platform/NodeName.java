package org.polyplex.platform;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * This node's name ({@code polyplex.cluster.node-name}, else the host name): what it writes on the
 * rows it holds in a shared database. A configured name that breaks the rule stops the start; a host
 * name is made to fit it (other characters become {@code -}, cut at 100).
 */
@ApplicationScoped
public class NodeName {

    static final int MAX = 100;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1," + MAX + "}");

    private final String value;

    @Inject
    NodeName(ClusterConfig config) {
        this(config.nodeName(), NodeName::hostName);
    }

    NodeName(Optional<String> configured, Supplier<String> host) {
        if (configured.isPresent()) {
            String name = configured.get().strip();
            if (!VALID.matcher(name).matches()) {
                throw new IllegalStateException("polyplex.cluster.node-name must be 1 to " + MAX
                        + " letters, digits, '.', '-' or '_'");
            }
            value = name;
        } else {
            value = fit(host.get());
        }
    }

    /** The name, valid by the rule above. */
    public String value() {
        return value;
    }

    static String fit(String host) {
        String name = host == null ? "" : host.strip().replaceAll("[^A-Za-z0-9._-]", "-");
        if (name.isEmpty()) {
            return "polyplex";
        }
        return name.length() > MAX ? name.substring(0, MAX) : name;
    }

    /** The host name without a DNS lookup where the system says it (containers set HOSTNAME). */
    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname"));
        } catch (IOException | SecurityException notLinux) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "polyplex";
            }
        }
    }
}
