package io.ballast.core.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups directives into sections and hands them to the section parsers. Keeps track of the defaults
 * sections: a proxy inherits from the last {@code defaults} before it, or from the one its {@code from} names.
 */
final class SectionReader {

    /** Sections HAProxy has and Ballast does not: their content is skipped with a warning. */
    private static final Set<String> UNSUPPORTED = Set.of("resolvers", "peers", "cache",
            "mailers", "program", "ring", "log-forward", "fcgi-app");

    private final Diagnostics diagnostics;
    private final GlobalParser global;
    private final ProxyParser proxies;
    private final UserlistParser userlists;
    private final HttpErrorsSections httpErrors;
    /** The pages of the {@code http-errors} section being read, or {@code null}. */
    private Map<Integer, ErrorFile> errorPages;
    private final Map<String, ProxyBuilder> namedDefaults = new HashMap<>();
    /** Where each named defaults section was declared, to report an ambiguous {@code from}. */
    private final Map<String, List<SourceLocation>> defaultsLocations = new HashMap<>();
    private ProxyBuilder lastDefaults = new ProxyBuilder(SectionKind.DEFAULTS, "", null);
    final List<ProxyBuilder> sections = new ArrayList<>();

    private String current;      // "global", "userlist", "http-errors", a proxy kind keyword, "skip", or null outside any section
    private ProxyBuilder proxy;  // the proxy or defaults section being read

    SectionReader(Diagnostics diagnostics, EndpointParser endpoints) {
        this.diagnostics = diagnostics;
        this.global = new GlobalParser(diagnostics, endpoints);
        this.proxies = new ProxyParser(diagnostics, endpoints, global.tls);
        this.userlists = new UserlistParser(diagnostics);
        this.httpErrors = new HttpErrorsSections(diagnostics);
    }

    GlobalConfig global() {
        return global.build();
    }

    /** The {@code userlist} sections, checked once every file is read. */
    List<UserlistConfig> userlists() {
        return userlists.build();
    }

    /** The proxy sections, with their error pages resolved now that every {@code http-errors} section is known. */
    List<ProxyBuilder> proxies() {
        for (ProxyBuilder p : sections) {
            p.resolveErrorPages(httpErrors);
        }
        return sections;
    }

    /** Reads the directives of one file; every file must start with a section keyword. */
    void read(List<Directive> directives) {
        current = null;
        proxy = null;
        for (Directive d : directives) {
            String kw = d.keyword();
            if (kw.equals("global")) {
                if (d.size() > 1) {
                    diagnostics.error(d.location(), kw, "'global' takes no argument");
                }
                current = "global";
                proxy = null;
            } else if (kw.equals("userlist")) {
                userlists.start(d);
                current = "userlist";
                proxy = null;
            } else if (kw.equals("http-errors")) {
                errorPages = httpErrors.start(d);
                current = "http-errors";
                proxy = null;
            } else if (UNSUPPORTED.contains(kw)) {
                diagnostics.warning(d.location(), kw, "section '" + kw + "' is not supported yet; its content is ignored");
                current = "skip";
                proxy = null;
            } else if (kw.equals("defaults") || kw.equals("frontend") || kw.equals("backend") || kw.equals("listen")) {
                startProxy(d);
            } else if (current == null) {
                diagnostics.error(d.location(), kw, "unknown keyword '" + kw + "' out of section (each file must start "
                        + "with a section such as 'global', 'defaults', 'frontend', 'backend' or 'listen')");
            } else if (current.equals("global")) {
                global.apply(d);
            } else if (current.equals("userlist")) {
                userlists.apply(d);
            } else if (current.equals("http-errors")) {
                httpErrorsLine(d);
            } else if (current.equals("skip")) {
                continue;
            } else if (proxy != null) {
                proxies.apply(proxy, d);
            }
        }
    }

    /** A line of an {@code http-errors} section: only {@code errorfile <code> <file>}. */
    private void httpErrorsLine(Directive d) {
        if (!d.keyword().equals("errorfile")) {
            diagnostics.error(d.location(), null, "unknown keyword '" + d.keyword() + "' in 'http-errors' section");
            return;
        }
        try {
            ErrorFile page = ErrorPageParser.errorFile(d);
            if (errorPages != null) {
                errorPages.put(page.status(), page);
            }
        } catch (IllegalArgumentException e) {
            diagnostics.error(d.location(), "errorfile", e.getMessage());
        }
    }

    private void startProxy(Directive d) {
        SectionKind kind = switch (d.keyword()) {
            case "defaults" -> SectionKind.DEFAULTS;
            case "frontend" -> SectionKind.FRONTEND;
            case "backend" -> SectionKind.BACKEND;
            default -> SectionKind.LISTEN;
        };
        current = kind.keyword;
        String name = null;
        String from = null;
        int i = 1;
        if (d.size() > i && !d.arg(i).equals("from")) {
            name = d.arg(i++);
        }
        if (d.size() > i && d.arg(i).equals("from")) {
            from = d.arg(i + 1);
            if (from == null) {
                diagnostics.error(d.location(), kw(kind), "'from' expects the name of a defaults section");
            }
            i += 2;
        }
        if (d.size() > i) {
            diagnostics.error(d.location(), kw(kind), "unexpected argument '" + d.arg(i) + "'; expects '"
                    + kind.keyword + (kind == SectionKind.DEFAULTS ? " [<name>]" : " <name>") + " [from <defaults>]'");
        }
        if (name == null && kind != SectionKind.DEFAULTS) {
            diagnostics.error(d.location(), kw(kind), "'" + kind.keyword + "' expects a name");
            name = "";
        }
        if (name != null && !name.isEmpty()) {
            String bad = NameRules.invalidCharacter(name);
            if (bad != null) {
                diagnostics.error(d.location(), kw(kind), "character '" + bad + "' is not permitted in '"
                        + kind.keyword + "' name '" + name + "' (allowed: letters, digits, '-', '_', '.', ':')");
            }
        }
        ProxyBuilder base = lastDefaults;
        List<SourceLocation> same = from == null ? List.of() : defaultsLocations.getOrDefault(from, List.of());
        if (same.size() > 1) {
            diagnostics.error(d.location(), null, "ambiguous defaults section name '" + from + "' referenced by "
                    + kind.keyword + " '" + (name == null ? "" : name) + "' exists at least at " + same.get(0)
                    + " and " + same.get(1) + ".");
        } else if (from != null) {
            base = namedDefaults.get(from);
            if (base == null) {
                diagnostics.error(d.location(), kw(kind), "unable to find defaults section '" + from + "'"
                        + (namedDefaults.isEmpty() ? " (no named defaults section precedes this line)"
                        : "; known: " + String.join(", ", new java.util.TreeSet<>(namedDefaults.keySet()))));
                base = lastDefaults;
            }
        }
        ProxyBuilder fresh = new ProxyBuilder(SectionKind.DEFAULTS, "", null);
        if (kind == SectionKind.DEFAULTS) {
            ProxyBuilder start = from != null ? base : fresh;
            proxy = start.inherit(SectionKind.DEFAULTS, name == null ? "" : name, d.location());
            lastDefaults = proxy;
            if (name != null && !name.isEmpty()) {
                namedDefaults.put(name, proxy);
                defaultsLocations.computeIfAbsent(name, k -> new ArrayList<>()).add(d.location());
            }
        } else {
            proxy = base.inherit(kind, name, d.location());
            sections.add(proxy);
        }
    }

    private static String kw(SectionKind kind) {
        return kind.keyword;
    }
}
