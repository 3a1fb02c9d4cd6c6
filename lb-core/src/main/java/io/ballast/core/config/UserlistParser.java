package io.ballast.core.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code userlist} sections: {@code group <name> [users <u1>,<u2>...]} and
 * {@code user <name> [password <hash>|insecure-password <password>] [groups <g1>,<g2>...]}. A hashed password must
 * be a SHA-256 ({@code $5$}) or SHA-512 ({@code $6$}) crypt string; older crypt schemes are refused. Users and
 * groups may name each other in any order; the names are checked once every section is read.
 */
final class UserlistParser {

    /** {@code $5$} or {@code $6$}, optional {@code rounds=N$}, the salt, then the 43 or 86 character hash. */
    private static final Pattern SHA_CRYPT =
            Pattern.compile("\\$(5\\$(rounds=[0-9]+\\$)?[^$]*\\$[./0-9A-Za-z]{43}|6\\$(rounds=[0-9]+\\$)?[^$]*\\$[./0-9A-Za-z]{86})");

    private static final Set<String> USER_OPTIONS = Set.of("password", "insecure-password", "groups");

    /** A userlist being read. */
    private static final class Section {
        final String name;
        final SourceLocation location;
        final Map<String, User> users = new LinkedHashMap<>();
        final Map<String, Group> groups = new LinkedHashMap<>();

        Section(String name, SourceLocation location) {
            this.name = name;
            this.location = location;
        }
    }

    private record User(String name, String password, boolean hashed, List<String> groups, SourceLocation location) {
    }

    private record Group(String name, List<String> users, SourceLocation location) {
    }

    private final Diagnostics diagnostics;
    private final Map<String, Section> sections = new LinkedHashMap<>();
    private Section current;

    UserlistParser(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** A {@code userlist <name>} line: the lines that follow go to that list. */
    void start(Directive d) {
        String name = d.arg(1);
        if (name == null || d.size() > 2) {
            diagnostics.error(d.location(), "userlist", "'userlist' expects <name> as arguments.");
            current = new Section("", d.location());
            return;
        }
        current = sections.get(name);
        if (current != null) {
            diagnostics.warning(d.location(), "userlist", "ignoring duplicated userlist '" + name
                    + "'; its lines go to the first one, declared at " + current.location);
            return;
        }
        current = new Section(name, d.location());
        sections.put(name, current);
    }

    /** A line inside the current userlist. */
    void apply(Directive d) {
        switch (d.keyword()) {
            case "group" -> group(d);
            case "user" -> user(d);
            default -> diagnostics.error(d.location(), d.keyword(), "unknown keyword '" + d.keyword()
                    + "' in 'userlist' section (expects 'group' or 'user')" + Suggestions.didYouMean(d.keyword(),
                    Set.of("group", "user")));
        }
    }

    private void group(Directive d) {
        String name = d.arg(1);
        if (name == null) {
            diagnostics.error(d.location(), "group", "'group' expects <name> as arguments.");
            return;
        }
        List<String> users = List.of();
        for (int i = 2; i < d.size(); i += 2) {
            if (!d.arg(i).equals("users") || d.arg(i + 1) == null) {
                diagnostics.error(d.location(), "group", "'group' only supports 'users' option.");
                return;
            }
            users = names(d.arg(i + 1));
        }
        if (current.groups.containsKey(name)) {
            diagnostics.warning(d.location(), "group", "ignoring duplicated group '" + name + "' in userlist '"
                    + current.name + "'.");
            return;
        }
        current.groups.put(name, new Group(name, users, d.location()));
    }

    private void user(Directive d) {
        String name = d.arg(1);
        if (name == null) {
            diagnostics.error(d.location(), "user", "'user' expects <name> as arguments.");
            return;
        }
        String password = null;
        boolean hashed = false;
        List<String> groups = List.of();
        for (int i = 2; i < d.size(); i += 2) {
            String option = d.arg(i);
            String value = d.arg(i + 1);
            if (!USER_OPTIONS.contains(option)) {
                diagnostics.error(d.location(), "user",
                        "'user' only supports 'password', 'insecure-password' and 'groups' options.");
                return;
            }
            if (value == null) {
                diagnostics.error(d.location(), "user", "'" + option + "' expects a value");
                return;
            }
            if (option.equals("groups")) {
                groups = names(value);
            } else {
                password = value;
                hashed = option.equals("password");
            }
        }
        if (hashed && !SHA_CRYPT.matcher(password).matches()) {
            diagnostics.error(d.location(), "user", "user '" + name + "' of userlist '" + current.name + "': "
                    + unsupportedHash(password) + "; Ballast checks SHA-512 ('$6$') and SHA-256 ('$5$') crypt "
                    + "hashes (e.g. from 'mkpasswd -m sha-512') and 'insecure-password'");
            return;
        }
        if (current.users.containsKey(name)) {
            diagnostics.warning(d.location(), "user", "ignoring duplicated user '" + name + "' in userlist '"
                    + current.name + "'.");
            return;
        }
        current.users.put(name, new User(name, password, hashed, groups, d.location()));
    }

    private static String unsupportedHash(String hash) {
        if (hash.startsWith("$1$")) {
            return "MD5-crypt password hashes ('$1$') are not supported";
        }
        if (hash.startsWith("$5$") || hash.startsWith("$6$")) {
            return "malformed SHA-crypt password hash '" + hash + "' (expects $5$[rounds=N$]salt$hash with a "
                    + "43-character hash, or $6$... with an 86-character one)";
        }
        if (hash.startsWith("$")) {
            int end = hash.indexOf('$', 1);
            return "password hash scheme '" + (end > 0 ? hash.substring(0, end + 1) : hash) + "' is not supported";
        }
        return "DES-crypt password hashes (no '$' prefix) are not supported";
    }

    private static List<String> names(String list) {
        List<String> out = new ArrayList<>();
        for (String n : list.split(",")) {
            if (!n.isEmpty()) {
                out.add(n);
            }
        }
        return out;
    }

    /** The userlists read, once their users and groups were checked against each other. */
    List<UserlistConfig> build() {
        List<UserlistConfig> out = new ArrayList<>();
        for (Section s : sections.values()) {
            Map<String, Set<String>> membership = new LinkedHashMap<>();
            s.users.keySet().forEach(u -> membership.put(u, new HashSet<>()));
            for (User u : s.users.values()) {
                for (String g : u.groups) {
                    if (!s.groups.containsKey(g)) {
                        diagnostics.error(u.location, "user", "userlist '" + s.name + "': no such group '" + g
                                + "' specified in user '" + u.name + "'");
                    }
                    membership.get(u.name).add(g);
                }
            }
            for (Group g : s.groups.values()) {
                for (String u : g.users) {
                    Set<String> of = membership.get(u);
                    if (of == null) {
                        diagnostics.error(g.location, "group", "userlist '" + s.name + "': no such user '" + u
                                + "' specified in group '" + g.name + "'");
                    } else {
                        of.add(g.name);
                    }
                }
            }
            Map<String, UserConfig> users = new LinkedHashMap<>();
            for (User u : s.users.values()) {
                users.put(u.name, new UserConfig(u.name, u.password, u.hashed, membership.get(u.name)));
            }
            out.add(new UserlistConfig(s.name, users, s.groups.keySet(), s.location));
        }
        return out;
    }
}
