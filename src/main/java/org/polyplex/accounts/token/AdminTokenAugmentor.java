package org.polyplex.accounts.token;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import org.polyplex.accounts.Account;
import org.polyplex.accounts.AccountService;
import org.polyplex.accounts.Role;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.mutiny.Uni;

/**
 * Re-checks every admin token against the current accounts snapshot: a token stays signed until
 * it expires, but an admin who was deleted, disabled or expired meanwhile is refused at once
 * (401), and one who lost the admin flag keeps no admin role (403).
 */
@ApplicationScoped
class AdminTokenAugmentor implements SecurityIdentityAugmentor {

    private final AccountService accounts;
    private final Clock clock;

    AdminTokenAugmentor(AccountService accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        Account account = accounts.tokenOwner(jwt.getName(), jwt.getSubject()).orElse(null);
        if (account == null || account.status(clock.instant()) != Account.Status.ACTIVE) {
            return Uni.createFrom().failure(new AuthenticationFailedException("token owner is no longer active"));
        }
        if (account.admin() || !identity.hasRole(Role.ADMIN)) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .build());
    }
}
