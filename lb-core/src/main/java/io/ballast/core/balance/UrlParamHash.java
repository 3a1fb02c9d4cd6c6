package io.ballast.core.balance;

import io.ballast.core.config.BalanceSpec;
import io.ballast.core.request.RequestView;

import java.util.List;

/**
 * {@code balance url_param <name>}, as HAProxy's {@code get_server_ph}: the raw (not decoded) value of the first
 * query-string parameter called {@code name}, up to the next {@code '&'}, is hashed (an empty value too). A
 * request without it goes round robin. {@code check_post} (looking in the body) is not supported yet.
 */
final class UrlParamHash extends HashAlgorithm {

    private final byte[] name;

    UrlParamHash(BalanceSpec spec, String name) {
        super(spec);
        this.name = HashFunctions.bytes(name);
    }

    @Override
    long keyHash(RequestView request) {
        String query = request.query();
        if (query == null) {
            return NO_KEY;
        }
        byte[] q = HashFunctions.bytes(query);
        int plen = name.length;
        int at = 0;
        while (q.length - at > plen) {
            if (q[at + plen] == '=' && startsWith(q, at)) {
                int from = at + plen + 1;
                int to = from;
                while (to < q.length && q[to] != '&') {
                    to++;
                }
                return hash(q, from, to);
            }
            int amp = indexOf(q, (byte) '&', at);
            if (amp < 0) {
                return NO_KEY;
            }
            at = amp + 1;
        }
        return NO_KEY;
    }

    private boolean startsWith(byte[] q, int at) {
        for (int i = 0; i < name.length; i++) {
            if (q[at + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] q, byte b, int from) {
        for (int i = from; i < q.length; i++) {
            if (q[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Registers {@code url_param}. */
    public static final class Provider extends HashProvider {

        @Override
        public String name() {
            return "url_param";
        }

        @Override
        public BalanceAlgorithm create(BalanceSpec spec) {
            List<String> args = spec.arguments();
            if (args.isEmpty() || args.get(0).isEmpty()) {
                throw new IllegalArgumentException("url_param requires an URL parameter name.");
            }
            if (args.size() > 1) {
                if ("check_post".equals(args.get(1))) {
                    throw new IllegalArgumentException("url_param '" + args.get(0) + "' check_post: looking for the "
                            + "parameter in the request body is not supported yet");
                }
                throw new IllegalArgumentException("url_param only accepts 'check_post' modifier (got '"
                        + args.get(1) + "').");
            }
            return new UrlParamHash(spec, args.get(0));
        }
    }
}
