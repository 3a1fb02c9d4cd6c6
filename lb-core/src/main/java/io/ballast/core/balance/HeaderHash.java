package io.ballast.core.balance;

import io.ballast.core.config.BalanceSpec;
import io.ballast.core.request.RequestView;

import java.util.List;

/**
 * {@code balance hdr(<name>) [use_domain_only]}, as HAProxy's {@code get_server_hh}: the first comma-separated
 * value of the header's first occurrence (in the order the client sent the lines), trimmed, is hashed; with {@code use_domain_only} only the label before the last dot
 * ({@code "1wt"} of {@code "haproxy.1wt.eu"}, the whole value when it has no dot). A missing or empty header
 * goes round robin.
 */
final class HeaderHash extends HashAlgorithm {

    private final String header;
    private final boolean domainOnly;

    HeaderHash(BalanceSpec spec, String header, boolean domainOnly) {
        super(spec);
        this.header = header;
        this.domainOnly = domainOnly;
    }

    @Override
    long keyHash(RequestView request) {
        String raw = firstOccurrence(request);
        if (raw == null) {
            return NO_KEY;
        }
        String value = firstValue(raw);
        if (value.isEmpty()) {
            return NO_KEY;
        }
        byte[] key = HashFunctions.bytes(value);
        if (!domainOnly) {
            return hash(key, 0, key.length);
        }
        // HAProxy's walk back from the end: the first dot met (never the first byte) ends the domain, which
        // starts after the next dot met before it, or at the start. The edge cases (leading or doubled dots)
        // follow the same steps.
        int p = key.length;
        int end = key.length;
        boolean inDomain = false;
        for (int remaining = key.length; remaining > 0; remaining--, p--) {
            if (inDomain) {
                if (key[p - 1] == '.') {
                    break;
                }
            } else if (p < key.length && key[p] == '.') {
                end = p;
                inDomain = true;
            }
        }
        int start = p;
        return hash(key, start, end);
    }

    /** The value of the first header line called {@code header} (case-insensitive), in wire order, or null. */
    private String firstOccurrence(RequestView request) {
        int count = request.headerCount();
        for (int i = 0; i < count; i++) {
            if (header.equalsIgnoreCase(request.headerName(i))) {
                return request.headerValue(i);
            }
        }
        return null;
    }

    /** The first comma-separated element of a header value, without surrounding spaces and tabs. */
    static String firstValue(String raw) {
        int comma = raw.indexOf(',');
        String first = comma < 0 ? raw : raw.substring(0, comma);
        int from = 0;
        int to = first.length();
        while (from < to && (first.charAt(from) == ' ' || first.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (first.charAt(to - 1) == ' ' || first.charAt(to - 1) == '\t')) {
            to--;
        }
        return first.substring(from, to);
    }

    /** Registers {@code hdr(<name>)}. */
    public static final class Provider extends HashProvider {

        @Override
        public String name() {
            return "hdr";
        }

        @Override
        public BalanceAlgorithm create(BalanceSpec spec) {
            List<String> args = spec.arguments();
            if (args.isEmpty() || args.get(0).isEmpty()) {
                throw new IllegalArgumentException("hdr requires an http header field name.");
            }
            boolean domainOnly = false;
            if (args.size() > 1) {
                if (args.size() > 2 || !"use_domain_only".equals(args.get(1))) {
                    throw new IllegalArgumentException("hdr(" + args.get(0) + ") only accepts 'use_domain_only' "
                            + "modifier (got '" + String.join(" ", args.subList(1, args.size())) + "').");
                }
                domainOnly = true;
            }
            return new HeaderHash(spec, args.get(0), domainOnly);
        }
    }
}
