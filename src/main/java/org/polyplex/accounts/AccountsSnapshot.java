package org.polyplex.accounts;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every account, indexed by id and by username, published as one immutable value. Readers never
 * lock: they read whichever snapshot was current when they started.
 */
public final class AccountsSnapshot {

    static final AccountsSnapshot EMPTY = new AccountsSnapshot(List.of(), 0);

    private final Map<String, Account> byUsername;
    private final Map<Long, Account> byId;
    private final long version;

    AccountsSnapshot(Collection<Account> accounts, long version) {
        this.byUsername = accounts.stream().collect(Collectors.toUnmodifiableMap(Account::username, Function.identity()));
        this.byId = accounts.stream().collect(Collectors.toUnmodifiableMap(Account::id, Function.identity()));
        this.version = version;
    }

    public Optional<Account> byUsername(String username) {
        return Optional.ofNullable(username == null ? null : byUsername.get(username));
    }

    public Optional<Account> byId(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every account, in no particular order. */
    public Collection<Account> all() {
        return byId.values();
    }

    public int size() {
        return byId.size();
    }

    /** Increases by one with every rebuild; lets tests and caches tell snapshots apart. */
    public long version() {
        return version;
    }
}
