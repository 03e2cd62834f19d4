package org.polyplex.accounts;

/** Fired inside a transaction that changed users; the snapshot is rebuilt after it commits. */
public record AccountsChanged() {
}
