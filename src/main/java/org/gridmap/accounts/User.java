package org.gridmap.accounts;

/** An account as the rest of the program sees it; the password hash never leaves {@link UserStore}. */
public record User(long id, String username, Role role) { }
