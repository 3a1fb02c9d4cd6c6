package io.ballast.acl.internal.auth;

import io.ballast.core.config.UserConfig;
import io.ballast.core.config.UserlistConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@code userlist} ready to check {@code Authorization: Basic} credentials, as HAProxy's {@code http_auth}:
 * the scheme is {@code Basic} in any case, the user name ends at the first {@code :} of the decoded credentials,
 * and the password must equal the {@code insecure-password} or hash to the {@code password}. Thread-safe.
 */
public final class Userlist {

    /** One user; remembers the last password that matched its hash, so SHA-crypt runs once per new password. */
    private static final class User {
        final UserConfig config;
        final String[] groups;
        private volatile byte[] lastAccepted;

        User(UserConfig config) {
            this.config = config;
            this.groups = config.groups().stream().sorted().toArray(String[]::new);
        }

        boolean accepts(byte[] password) {
            String expected = config.password();
            if (expected == null) {
                return false;
            }
            if (!config.hashed()) {
                return MessageDigest.isEqual(expected.getBytes(StandardCharsets.ISO_8859_1), password);
            }
            byte[] fingerprint = fingerprint(password);
            byte[] known = lastAccepted;
            if (known != null && MessageDigest.isEqual(known, fingerprint)) {
                return true;
            }
            boolean ok = MessageDigest.isEqual(expected.getBytes(StandardCharsets.ISO_8859_1),
                    ShaCrypt.crypt(password, expected).getBytes(StandardCharsets.ISO_8859_1));
            if (ok) {
                lastAccepted = fingerprint;
            }
            return ok;
        }

        private static byte[] fingerprint(byte[] password) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(password);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java platform", e);
            }
        }
    }

    private final String name;
    private final Map<String, User> users = new HashMap<>();

    public Userlist(UserlistConfig config) {
        this.name = config.name();
        config.users().values().forEach(u -> users.put(u.name(), new User(u)));
    }

    /** The section's name. */
    public String name() {
        return name;
    }

    /**
     * The groups of the user whom {@code authorization} (the first value of the request's {@code Authorization}
     * header) authenticates, sorted by name, or {@code null} when it authenticates no one.
     */
    public String[] groupsOf(String authorization) {
        User user = authenticate(authorization);
        return user == null ? null : user.groups;
    }

    /** The name of the user whom {@code authorization} authenticates, or {@code null}. */
    public String userOf(String authorization) {
        User user = authenticate(authorization);
        return user == null ? null : user.config.name();
    }

    private User authenticate(String authorization) {
        String[] credentials = basicCredentials(authorization);
        if (credentials == null) {
            return null;
        }
        User user = users.get(credentials[0]);
        return user != null && user.accepts(credentials[1].getBytes(StandardCharsets.ISO_8859_1)) ? user : null;
    }

    /** {@code {user, password}} of a {@code Basic} authorization, or {@code null}. */
    private static String[] basicCredentials(String authorization) {
        if (authorization == null) {
            return null;
        }
        int space = authorization.indexOf(' ');
        if (space <= 0 || !authorization.substring(0, space).equalsIgnoreCase("Basic")) {
            return null;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(authorization.substring(space + 1).strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
        String text = new String(decoded, StandardCharsets.ISO_8859_1);
        int colon = text.indexOf(':');
        return colon < 0 ? null : new String[] {text.substring(0, colon), text.substring(colon + 1)};
    }
}
