package org.polyplex.accounts;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;

import org.polyplex.accounts.access.AccessColumns;
import org.polyplex.accounts.access.AccessInput;
import org.polyplex.accounts.access.AccessRules;
import org.polyplex.accounts.access.StreamFormat;
import org.polyplex.platform.http.IpRange;
import org.polyplex.platform.persistence.DbConstraints;
import org.polyplex.platform.persistence.Queries;
import org.polyplex.platform.web.ApiException;
import org.polyplex.platform.web.Page;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.scheduler.Scheduled;

/**
 * Entry point of the accounts feature: user administration, the published
 * {@link AccountsSnapshot}, and password checks for Xtream logins that do not touch the database.
 */
@ApplicationScoped
public class AccountService {

    /** The output profile name that means none: the line plays the channels as their sources send them. */
    private static final String PASSTHROUGH = "passthrough";

    private final Clock clock;
    private final AuthConfig authConfig;
    private final Event<AccountsChanged> changed;
    private final CredentialVerifier verifier = new CredentialVerifier();

    // Replaced whole by rebuild(); volatile so readers on any thread see the latest one.
    private volatile AccountsSnapshot snapshot = AccountsSnapshot.EMPTY;

    AccountService(Clock clock, AuthConfig authConfig, Event<AccountsChanged> changed) {
        this.clock = clock;
        this.authConfig = authConfig;
        this.changed = changed;
    }

    /** The current immutable view of all accounts. */
    public AccountsSnapshot snapshot() {
        return snapshot;
    }

    /**
     * Checks an Xtream-style login against the snapshot: no database access, bcrypt once per
     * distinct credential. Returns the account whatever its status; callers decide what an
     * expired or disabled line may still do.
     */
    public Optional<Account> authenticate(String username, String password) {
        return snapshot.byUsername(username).filter(account -> verifier.verify(account, password));
    }

    /**
     * The account when this exact credential was accepted before, else empty (also when it was
     * never checked): never runs bcrypt, so event-loop code may call it.
     */
    public Optional<Account> authenticateFromMemo(String username, String password) {
        return snapshot.byUsername(username).filter(account -> verifier.acceptedBefore(account, password));
    }

    /**
     * The account a signed token names, when its username and its subject (the account id) still
     * belong together: a deleted and re-created username is not the token's owner. Memory only.
     */
    public Optional<Account> tokenOwner(String username, String subject) {
        return snapshot.byUsername(username).filter(account -> Long.toString(account.id()).equals(subject));
    }

    public Page<User> list(UserFilter filter, int page, int size) {
        Queries.Filter where = new Queries.Filter()
                .contains("username", filter.q)
                .equal("admin", filter.admin)
                .equal("enabled", filter.enabled);
        var query = User.<User> find(where.where(), Sort.by("id"), where.params());
        return new Page<>(query.page(page, size).list(), query.count());
    }

    public User get(long id) {
        return User.<User> findByIdOptional(id).orElseThrow(() -> ApiException.notFound("user", id));
    }

    @Transactional
    public User create(UserInput input) {
        if (input.password() == null) {
            throw ApiException.invalid("password", "is required");
        }
        requireFreeUsername(input.username(), null);
        User user = new User();
        user.createdAt = clock.instant();
        apply(user, input);
        user.persist();
        flush();
        Log.infof("user created id=%d username=%s admin=%s", user.id, user.username, user.admin);
        return user;
    }

    @Transactional
    public User update(long id, UserInput input) {
        User user = get(id);
        requireFreeUsername(input.username(), user.id);
        boolean staysAdmin = Boolean.TRUE.equals(input.admin()) && !Boolean.FALSE.equals(input.enabled());
        if (user.admin && user.enabled && !staysAdmin) {
            requireAnotherAdmin(user.id);
        }
        apply(user, input);
        flush();
        Log.infof("user updated id=%d username=%s", user.id, user.username);
        return user;
    }

    @Transactional
    public void delete(long id) {
        User user = get(id);
        if (user.admin && user.enabled) {
            requireAnotherAdmin(user.id);
        }
        user.delete();
        changed.fire(new AccountsChanged());
        flush();
        Log.infof("user deleted id=%d", id);
    }

    /** Creates the first admin when no user exists at all; returns true when it did. */
    @Transactional
    boolean createFirstAdmin(String username, String password) {
        if (User.count() > 0) {
            return false;
        }
        create(new UserInput(username, password, 1, null, false, true, true, Set.of()));
        return true;
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountsChanged event) {
        rebuild();
    }

    /** Picks up changes made through other nodes sharing the database. */
    @Scheduled(every = "{polyplex.cluster.snapshot-refresh}", delayed = "{polyplex.cluster.snapshot-refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        rebuild();
    }

    /**
     * Reads every account and publishes a new snapshot. Serialised so that the last rebuild to
     * run, which read the newest committed state, is also the last one published.
     */
    synchronized void rebuild() {
        // list(), not stream(): a scroll over a collection fetch returns a user once per row it
        // spans unless the database happens to return them together, and PostgreSQL does not
        List<Account> accounts = QuarkusTransaction.requiringNew().call(() -> User
                .<User> find("select distinct u from User u left join fetch u.bouquetIds")
                .list()
                .stream()
                .map(AccountService::toAccount)
                .toList());
        snapshot = new AccountsSnapshot(accounts, snapshot.version() + 1);
        verifier.retain(accounts.stream().map(Account::id).collect(Collectors.toSet()));
    }

    /**
     * Records the first address of a line locked to it, unless one is recorded already (by this
     * node or another one sharing the database). Returns whether this address is now the recorded one.
     */
    @Transactional
    public boolean recordFirstAddress(long id, String address) {
        int updated = User.update("firstAddress = ?1, firstAddressAt = ?2 where id = ?3 and firstAddress is null",
                address, clock.instant(), id);
        changed.fire(new AccountsChanged());
        if (updated == 1) {
            Log.infof("line id=%d locked to its first address %s", id, address);
            return true;
        }
        return User.<User> findByIdOptional(id).map(user -> address.equals(user.firstAddress)).orElse(false);
    }

    /** Forgets the recorded first address of a line: the next address that uses it is recorded. */
    @Transactional
    public void resetFirstAddress(long id) {
        User user = get(id);
        user.firstAddress = null;
        user.firstAddressAt = null;
        user.updatedAt = clock.instant();
        changed.fire(new AccountsChanged());
        Log.infof("line id=%d first address reset", id);
    }

    /** The access rules stored for a user; throws when a stored value fails its checks. */
    private static AccessRules rules(User user) {
        return AccessColumns.rules(user.allowedFormats, user.allowedAddresses, user.allowedUserAgents,
                user.lockToFirstAddress, user.countryLock, user.ispLock);
    }

    private static void applyAccess(User user, AccessInput input) {
        AccessRules rules = input.rules();
        user.allowedFormats = AccessColumns.join(rules.formats().stream().sorted().map(StreamFormat::word).toList());
        user.allowedAddresses = AccessColumns.join(rules.addresses().stream().map(IpRange::toString).toList());
        user.allowedUserAgents = AccessColumns.join(rules.userAgents());
        user.lockToFirstAddress = rules.lockToFirstAddress();
        user.countryLock = rules.countryLock();
        user.ispLock = rules.ispLock();
        if (rules.geoLockSet()) {
            Log.warnf("line id=%s has a country or ISP lock: stored, but not enforced (no GeoIP database)", user.id);
        }
    }

    private void apply(User user, UserInput input) {
        if (input.access() != null) {
            applyAccess(user, input.access());
        }
        user.username = input.username();
        if (input.password() != null) {
            user.passwordHash = BcryptUtil.bcryptHash(input.password(), authConfig.bcryptCost());
        }
        user.maxConnections = input.maxConnections() == null ? 1 : input.maxConnections();
        if (input.outputProfile() != null) {
            user.outputProfile = PASSTHROUGH.equals(input.outputProfile()) ? null : input.outputProfile();
        }
        user.expiresAt = input.expiresAt();
        user.trial = Boolean.TRUE.equals(input.trial());
        user.enabled = !Boolean.FALSE.equals(input.enabled());
        user.admin = Boolean.TRUE.equals(input.admin());
        user.bouquetIds.clear();
        if (input.bouquetIds() != null) {
            user.bouquetIds.addAll(input.bouquetIds());
        }
        user.updatedAt = clock.instant();
        changed.fire(new AccountsChanged());
    }

    private void requireFreeUsername(String username, Long self) {
        Optional<User> holder = User.find("username", username).firstResultOptional();
        if (holder.isPresent() && !holder.get().id.equals(self)) {
            throw ApiException.conflict("username", "username '" + username + "' is taken");
        }
    }

    private void requireAnotherAdmin(long self) {
        if (User.count("admin = true and enabled = true and id <> ?1", self) == 0) {
            throw ApiException.conflict("admin", "at least one enabled admin must remain");
        }
    }

    private static void flush() {
        DbConstraints.flush(kind -> switch (kind) {
            case UNIQUE -> ApiException.conflict("username", "username is taken");
            case FOREIGN_KEY -> ApiException.invalid("bouquetIds", "refers to a bouquet that does not exist");
        });
    }

    private static Account toAccount(User user) {
        AccessRules rules;
        boolean enabled = user.enabled;
        try {
            rules = rules(user);
        } catch (ApiException e) {
            // only written after the same checks, so only a hand edit of the table gets here: that
            // line is refused (as disabled) rather than every login failing with the snapshot
            Log.errorf("line id=%d has unreadable access rules and is refused until they are saved again: %s", user.id,
                    e.getMessage());
            rules = AccessRules.NONE;
            enabled = false;
        }
        return new Account(user.id, user.username, user.maxConnections, user.expiresAt, user.trial, enabled,
                user.admin, Set.copyOf(user.bouquetIds), user.createdAt, user.passwordHash, rules, user.firstAddress,
                user.outputProfile);
    }
}
