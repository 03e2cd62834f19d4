package org.polyplex.accounts;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.security.jpa.Password;
import io.quarkus.security.jpa.PasswordType;
import io.quarkus.security.jpa.Roles;
import io.quarkus.security.jpa.UserDefinition;
import io.quarkus.security.jpa.Username;

/**
 * A Polyplex account: an Xtream subscriber, an admin, or both. Security JPA reads it to check
 * admin logins; everything on the request path reads {@link Account} from the snapshot instead.
 */
@Entity
@Table(name = "users")
@UserDefinition
public class User extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "users_seq")
    @SequenceGenerator(name = "users_seq", sequenceName = "users_seq", allocationSize = 50)
    public Long id;

    @Username
    @Column(nullable = false, length = 64)
    public String username;

    /** bcrypt in modular crypt format ({@code $2a$...}); never leaves the accounts feature. */
    @Password(PasswordType.MCF)
    @Column(name = "password_hash", nullable = false, length = 100)
    public String passwordHash;

    /** Derived from {@link #admin} on every write; Security JPA needs a roles column. */
    @Roles
    @Column(nullable = false, length = 16)
    public String role;

    @Column(name = "max_connections", nullable = false)
    public int maxConnections = 1;

    /** The output profile a stream URL without {@code ?profile=} plays through; null is passthrough. */
    @Column(name = "output_profile", length = 32)
    public String outputProfile;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(nullable = false)
    public boolean trial;

    @Column(nullable = false)
    public boolean enabled = true;

    @Column(nullable = false)
    public boolean admin;

    @ElementCollection
    @CollectionTable(name = "user_bouquets", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "bouquet_id")
    public Set<Long> bouquetIds = new HashSet<>();

    /** Allowed stream formats ({@code ts}, {@code m3u8}), one per line; null: all. */
    @Column(name = "allowed_formats", length = 16)
    public String allowedFormats;

    /** Allowed client addresses and CIDR blocks, one per line; null: any. */
    @Column(name = "allowed_addresses", length = 8000)
    public String allowedAddresses;

    /** Allowed user agents (case-insensitive substrings), one per line; null: any. */
    @Column(name = "allowed_user_agents", length = 12000)
    public String allowedUserAgents;

    /** Whether only the first address that used the line may use it. */
    @Column(name = "lock_first_address", nullable = false)
    public boolean lockToFirstAddress;

    /** The first address that used a line locked to it; null until then or after a reset. */
    @Column(name = "first_address", length = 64)
    public String firstAddress;

    @Column(name = "first_address_at")
    public Instant firstAddressAt;

    /** Country lock (ISO 3166-1 alpha-2): stored, not enforced. */
    @Column(name = "country_lock", length = 2)
    public String countryLock;

    /** ISP lock: stored, not enforced. */
    @Column(name = "isp_lock", length = 100)
    public String ispLock;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @PrePersist
    @PreUpdate
    void deriveRole() {
        role = admin ? Role.ADMIN : Role.SUBSCRIBER;
    }
}
