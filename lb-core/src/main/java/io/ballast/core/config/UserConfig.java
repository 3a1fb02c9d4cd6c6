package io.ballast.core.config;

import java.util.Set;

/**
 * One {@code user} of a {@code userlist}.
 *
 * @param name     the user name as it appears in {@code Authorization: Basic} credentials
 * @param password the password ({@code insecure-password}) or its crypt(3) hash ({@code password}); {@code null} when
 *                 none was given, and then the user never authenticates
 * @param hashed   whether {@code password} is a hash: a SHA-256 ({@code $5$}) or SHA-512 ({@code $6$}) crypt string
 * @param groups   the groups the user belongs to, from its own {@code groups} option and the {@code users} option of
 *                 {@code group} lines
 */
public record UserConfig(String name, String password, boolean hashed, Set<String> groups) {

    /** Copies the groups. */
    public UserConfig {
        groups = Set.copyOf(groups);
    }
}
