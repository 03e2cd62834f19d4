package org.polyplex.accounts;

import java.security.SecureRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/** Creates the first admin on an empty database, then publishes the first accounts snapshot. */
@ApplicationScoped
class AccountsStartup {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final AccountService accounts;
    private final AdminConfig config;

    AccountsStartup(AccountService accounts, AdminConfig config) {
        this.accounts = accounts;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        String password = config.password().filter(p -> !p.isBlank()).orElse(null);
        boolean generated = password == null;
        if (generated) {
            password = randomPassword();
        }
        if (accounts.createFirstAdmin(config.username(), password)) {
            if (generated) {
                // Logged once, on the first start only: there is no other way to learn it.
                Log.warnf("Created admin '%s' with generated password: %s "
                        + "(set POLYPLEX_ADMIN_PASSWORD to choose it; change it with PUT /api/users/{id})",
                        config.username(), password);
            } else {
                Log.infof("Created admin '%s' with the configured password", config.username());
            }
        }
        accounts.rebuild();
        Log.infof("accounts snapshot published: %d users", accounts.snapshot().size());
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
