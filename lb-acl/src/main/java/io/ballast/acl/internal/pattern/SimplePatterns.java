package io.ballast.acl.internal.pattern;

import io.ballast.acl.internal.sample.Sample;

import java.util.List;
import java.util.Set;

/** The small matchers: {@code found}, {@code bool}, {@code bin} and the {@code method} keyword's. */
final class SimplePatterns {

    private SimplePatterns() {
    }

    /** {@code -m found}: any value matches; patterns are ignored (as HAProxy does). */
    static final class Found extends PatternSet {
        Found() {
            super(Sample.ANY);
        }

        @Override
        protected int matchCast(Sample smp) {
            return 0;
        }

        @Override
        public int size() {
            return 0;
        }
    }

    /** {@code -m bool}: a non-zero value matches; patterns are ignored (as HAProxy does). */
    static final class Bool extends PatternSet {
        Bool() {
            super(Sample.BOOL);
        }

        @Override
        protected int matchCast(Sample smp) {
            return smp.num != 0 ? 0 : -1;
        }

        @Override
        public int size() {
            return 0;
        }
    }

    /** {@code -m bin}: patterns in hex, compared with the sample's bytes (chars 0..255). */
    static final class Bin extends PatternSet {
        private final byte[][] patterns;

        Bin(List<String> hex) throws PatternException {
            super(Sample.STR);
            patterns = new byte[hex.size()][];
            for (int i = 0; i < patterns.length; i++) {
                String h = hex.get(i);
                if (h.length() % 2 != 0) {
                    throw new PatternException("'" + h + "' is not a valid hexadecimal binary string.");
                }
                byte[] b = new byte[h.length() / 2];
                for (int k = 0; k < b.length; k++) {
                    int hi = Character.digit(h.charAt(2 * k), 16);
                    int lo = Character.digit(h.charAt(2 * k + 1), 16);
                    if (hi < 0 || lo < 0) {
                        throw new PatternException("'" + h + "' is not a valid hexadecimal binary string.");
                    }
                    b[k] = (byte) (hi * 16 + lo);
                }
                patterns[i] = b;
            }
        }

        @Override
        protected int matchCast(Sample smp) {
            outer:
            for (int i = 0; i < patterns.length; i++) {
                byte[] p = patterns[i];
                if (p.length != smp.len) {
                    continue;
                }
                for (int k = 0; k < p.length; k++) {
                    if ((p[k] & 0xFF) != smp.charAt(k)) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        @Override
        public int size() {
            return patterns.length;
        }
    }

    /**
     * The {@code method} keyword (HAProxy's {@code pat_match_meth}): a known method pattern (GET, HEAD, POST, PUT,
     * DELETE, OPTIONS, CONNECT, TRACE) only matches that method exactly, even with {@code -i}; other patterns
     * match other methods, case-insensitively with {@code -i}. So {@code method -i get} does not match GET (checked
     * with haproxy 2.6.12).
     */
    static final class Method extends PatternSet {
        static final Set<String> KNOWN = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "CONNECT", "TRACE");

        private final String[] patterns;
        private final boolean icase;

        Method(List<String> patterns, boolean icase) {
            super(Sample.STR);
            this.patterns = patterns.toArray(new String[0]);
            this.icase = icase;
        }

        @Override
        protected int matchCast(Sample smp) {
            boolean knownSample = -1 != knownIndex(smp);
            for (int i = 0; i < patterns.length; i++) {
                String p = patterns[i];
                boolean knownPattern = KNOWN.contains(p);
                if (knownPattern != knownSample) {
                    continue;
                }
                if (p.length() == smp.len && p.regionMatches(icase && !knownPattern, 0, smp.str, smp.off, smp.len)) {
                    return i;
                }
            }
            return -1;
        }

        private static int knownIndex(Sample smp) {
            for (String k : KNOWN) {
                if (k.length() == smp.len && k.regionMatches(0, smp.str, smp.off, smp.len)) {
                    return 0;
                }
            }
            return -1;
        }

        @Override
        public int size() {
            return patterns.length;
        }
    }
}
