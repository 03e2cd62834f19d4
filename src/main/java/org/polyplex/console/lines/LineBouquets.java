package org.polyplex.console.lines;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.catalog.BouquetService;

import io.quarkus.qute.TemplateData;

/**
 * The bouquets a line form offers (the first {@value #MAX_SHOWN} by name, plus any the line holds
 * beyond them), and the random passwords of "New password".
 */
@ApplicationScoped
public class LineBouquets {

    static final int MAX_SHOWN = 500;
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A bouquet check box of the line form. */
    @TemplateData
    public record Choice(long id, String name, boolean chosen) {
    }

    private final BouquetService bouquets;

    LineBouquets(BouquetService bouquets) {
        this.bouquets = bouquets;
    }

    List<Choice> choices(Set<Long> chosen) {
        List<Choice> list = new ArrayList<>();
        bouquets.list(null, 0, MAX_SHOWN).items()
                .forEach(b -> list.add(new Choice(b.id, b.name, chosen.contains(b.id))));
        chosen.stream().filter(id -> list.stream().noneMatch(c -> c.id() == id)).sorted()
                .forEach(id -> list.add(new Choice(id, "#" + id, true)));
        return list;
    }

    /** The checked ids as posted (none checked: none posted). */
    Set<Long> parse(List<Long> posted) {
        return posted == null ? Set.of() : Set.copyOf(posted);
    }

    static String newPassword() {
        StringBuilder password = new StringBuilder(14);
        for (int i = 0; i < 14; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
