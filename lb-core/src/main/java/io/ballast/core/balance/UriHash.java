package io.ballast.core.balance;

import io.ballast.core.config.BalanceSpec;
import io.ballast.core.request.RequestView;

import java.util.List;

/**
 * {@code balance uri [len <n>] [depth <n>] [whole] [path-only]}, as HAProxy's {@code get_server_uh}: the
 * request target as sent (or its path with {@code path-only}), cut to {@code len} bytes, then hashed up to the
 * {@code depth+1}-th {@code '/'} or the first {@code '?'} (unless {@code whole}), whichever comes first.
 */
final class UriHash extends HashAlgorithm {

    private final int len;
    private final int depth;
    private final boolean whole;
    private final boolean pathOnly;

    UriHash(BalanceSpec spec, int len, int depth, boolean whole, boolean pathOnly) {
        super(spec);
        this.len = len;
        this.depth = depth;
        this.whole = whole;
        this.pathOnly = pathOnly;
    }

    @Override
    long keyHash(RequestView request) {
        String target = request.uri();
        if (target == null) {
            return NO_KEY;
        }
        byte[] uri = HashFunctions.bytes(pathOnly ? path(target) : target);
        int limit = len > 0 ? Math.min(uri.length, len) : uri.length;
        int stopAtSlash = depth > 0 ? depth + 1 : 0; // HAProxy stops at the (depth+1)-th slash
        int slashes = 0;
        int end = 0;
        while (end < limit) {
            byte c = uri[end];
            if (c == '/') {
                slashes++;
                if (slashes == stopAtSlash) {
                    break;
                }
            } else if (c == '?' && !whole) {
                break;
            }
            end++;
        }
        return hash(uri, 0, end);
    }

    /**
     * The path (with its query string) of a request target: the target itself in origin form, the part from the
     * first '/' after the authority in absolute form, empty when there is none.
     */
    static String path(String target) {
        if (target.startsWith("/")) {
            return target;
        }
        int scheme = target.indexOf("://");
        if (scheme < 0) {
            return "";
        }
        int slash = target.indexOf('/', scheme + 3);
        return slash < 0 ? "" : target.substring(slash);
    }

    /** Registers {@code uri}. */
    public static final class Provider extends HashProvider {

        @Override
        public String name() {
            return "uri";
        }

        @Override
        public BalanceAlgorithm create(BalanceSpec spec) {
            List<String> args = spec.arguments();
            int len = 0;
            int depth = 0;
            boolean whole = false;
            boolean pathOnly = false;
            for (int i = 0; i < args.size(); i++) {
                String word = args.get(i);
                switch (word) {
                    case "len" -> len = positive(args, ++i, word);
                    case "depth" -> depth = positive(args, ++i, word);
                    case "whole" -> whole = true;
                    case "path-only" -> pathOnly = true;
                    default -> throw new IllegalArgumentException("uri only accepts parameters 'len', 'depth', "
                            + "'path-only', and 'whole' (got '" + word + "').");
                }
            }
            return new UriHash(spec, len, depth, whole, pathOnly);
        }

        private static int positive(List<String> args, int i, String keyword) {
            String value = i < args.size() ? args.get(i) : "";
            int n;
            try {
                n = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n <= 0) {
                throw new IllegalArgumentException("uri : '" + keyword + "' expects a positive integer (got '"
                        + value + "').");
            }
            return n;
        }
    }
}
