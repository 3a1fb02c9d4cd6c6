package io.ballast.acl.internal.pattern;

import io.ballast.acl.internal.sample.Sample;

import java.util.List;

/** String patterns tried in order: {@code sub}, {@code dir}, {@code dom} (HAProxy keeps these in lists too). */
final class ListPatterns extends PatternSet {

    private final String[] patterns;
    private final MatchMethod method;
    private final boolean icase;

    ListPatterns(List<String> patterns, MatchMethod method, boolean icase) {
        super(Sample.STR);
        this.patterns = patterns.toArray(new String[0]);
        if (icase) {
            for (int i = 0; i < this.patterns.length; i++) {
                this.patterns[i] = lowerAll(this.patterns[i]);
            }
        }
        this.method = method;
        this.icase = icase;
    }

    @Override
    protected int matchCast(Sample smp) {
        for (int i = 0; i < patterns.length; i++) {
            String p = patterns[i];
            boolean m;
            switch (method) {
                case SUB: m = contains(smp.str, smp.off, smp.len, p); break;
                case DIR: m = matchWord(smp.str, smp.off, smp.len, p, false); break;
                case DOM: m = matchWord(smp.str, smp.off, smp.len, p, true); break;
                default: throw new IllegalStateException(method.name());
            }
            if (m) {
                return i;
            }
        }
        return -1;
    }

    private static String lowerAll(String p) {
        StringBuilder b = new StringBuilder(p.length());
        for (int i = 0; i < p.length(); i++) {
            b.append(lower(p.charAt(i)));
        }
        return b.toString();
    }

    private boolean contains(String s, int off, int len, String p) {
        int pl = p.length();
        int last = off + len - pl;
        if (pl == 0) {
            return true;
        }
        if (!icase) {
            if (off == 0 && len == s.length()) {
                return s.indexOf(p) >= 0;
            }
            int i = s.indexOf(p, off);
            return i >= 0 && i <= last;
        }
        char lo = p.charAt(0);
        char up = Character.toUpperCase(lo);
        int nextLo = -2;
        int nextUp = lo == up ? -1 : -2;
        int i = off;
        while (i <= last) {
            // jump to the next occurrence of the first character in either case (String.indexOf is vectorized)
            if (nextLo != -1 && nextLo < i) {
                nextLo = s.indexOf(lo, i);
            }
            if (nextUp != -1 && nextUp < i) {
                nextUp = s.indexOf(up, i);
            }
            int c = nextLo < 0 ? nextUp : nextUp < 0 ? nextLo : Math.min(nextLo, nextUp);
            if (c < 0 || c > last) {
                return false;
            }
            boolean ok = true;
            for (int k = 1; k < pl; k++) {
                if (lower(s.charAt(c + k)) != p.charAt(k)) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                return true;
            }
            i = c + 1;
        }
        return false;
    }

    private static boolean isDelim(char c, boolean dom) {
        return c == '/' || c == '?' || (dom && (c == '.' || c == ':'));
    }

    /**
     * HAProxy's {@code match_word}: the pattern, without its leading and trailing delimiters, appears in the sample
     * between delimiters or the sample's ends. {@code dir} delimiters are {@code / ?}; {@code dom} adds {@code . :}.
     */
    private boolean matchWord(String s, int off, int len, String pattern, boolean dom) {
        int ps = 0;
        int pl = pattern.length();
        while (pl > 0 && isDelim(pattern.charAt(ps), dom)) {
            ps++;
            pl--;
        }
        while (pl > 0 && isDelim(pattern.charAt(ps + pl - 1), dom)) {
            pl--;
        }
        if (pl == 0) {
            return true;
        }
        if (pl > len) {
            return false;
        }
        boolean mayMatch = true;
        int end = off + len - pl;
        for (int c = off; c <= end; c++) {
            char ch = s.charAt(c);
            if (isDelim(ch, dom)) {
                mayMatch = true;
                continue;
            }
            if (!mayMatch) {
                continue;
            }
            if (s.regionMatches(icase, c, pattern, ps, pl) && (c == end || isDelim(s.charAt(c + pl), dom))) {
                return true;
            }
            mayMatch = false;
        }
        return false;
    }

    @Override
    public int size() {
        return patterns.length;
    }
}
