package io.ballast.core.config;

import java.util.Map;
import java.util.Set;

/**
 * A {@code userlist} section: the users and groups that the {@code http_auth(<name>)} and
 * {@code http_auth_group(<name>)} fetches check {@code Authorization: Basic} credentials against.
 *
 * @param name     the section's name
 * @param users    the users by name
 * @param groups   the names of the groups declared with {@code group}
 * @param location where the section starts
 */
public record UserlistConfig(String name, Map<String, UserConfig> users, Set<String> groups, SourceLocation location) {

    /** Copies the collections. */
    public UserlistConfig {
        users = Map.copyOf(users);
        groups = Set.copyOf(groups);
    }
}
