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
