package io.ballast.acl.internal.conv;

import io.ballast.acl.SampleContext;
import io.ballast.acl.internal.expr.ArgException;
import io.ballast.acl.internal.expr.ArgKind;
import io.ballast.acl.internal.expr.Args;
import io.ballast.acl.internal.expr.Converter;
import io.ballast.acl.internal.expr.Keyword;
import io.ballast.acl.internal.pattern.PatternException;
import io.ballast.acl.internal.sample.Sample;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** String converters: {@code lower upper length bytes field word regsub ltrim rtrim}. */
public final class StringConverters {

    private StringConverters() {
    }

    public static void register(Map<String, Keyword> m) {
        m.put("lower", Keyword.conv("lower", Sample.STR, Sample.STR, 0, a -> LOWER));
        m.put("upper", Keyword.conv("upper", Sample.STR, Sample.STR, 0, a -> UPPER));
        m.put("length", Keyword.conv("length", Sample.STR, Sample.SINT, 0, a -> LENGTH));
        m.put("bytes", Keyword.conv("bytes", Sample.STR, Sample.STR, 1, StringConverters::bytes, ArgKind.SINT, ArgKind.SINT));
        m.put("field", Keyword.conv("field", Sample.STR, Sample.STR, 2, a -> fieldOrWord(a, false),
                ArgKind.SINT, ArgKind.STR, ArgKind.SINT));
        m.put("word", Keyword.conv("word", Sample.STR, Sample.STR, 2, a -> fieldOrWord(a, true),
                ArgKind.SINT, ArgKind.STR, ArgKind.SINT));
        m.put("regsub", Keyword.conv("regsub", Sample.STR, Sample.STR, 2, StringConverters::regsub,
                ArgKind.REG, ArgKind.STR, ArgKind.STR));
        m.put("ltrim", Keyword.conv("ltrim", Sample.STR, Sample.STR, 1, a -> trim(a.str(0), true), ArgKind.STR));
        m.put("rtrim", Keyword.conv("rtrim", Sample.STR, Sample.STR, 1, a -> trim(a.str(0), false), ArgKind.STR));
    }

    /** ASCII case change, as HAProxy's tolower()/toupper(); returns the same string when nothing changes. */
    static String ascii(String s, int off, int len, boolean upper) {
        int i = off;
        int end = off + len;
        for (; i < end; i++) {
            char c = s.charAt(i);
            if (upper ? (c >= 'a' && c <= 'z') : (c >= 'A' && c <= 'Z')) {
                break;
            }
        }
        if (i == end) {
            return null;
        }
        char[] out = new char[len];
        s.getChars(off, end, out, 0);
        for (int k = i - off; k < len; k++) {
            char c = out[k];
            if (upper ? (c >= 'a' && c <= 'z') : (c >= 'A' && c <= 'Z')) {
                out[k] = (char) (upper ? c - 32 : c + 32);
            }
        }
        return new String(out);
    }

    private static final Converter LOWER = new Converter() {
        @Override
        public boolean convert(SampleContext ctx, Sample smp) {
            String r = ascii(smp.str, smp.off, smp.len, false);
            if (r != null) {
                smp.setStr(r);
            }
            return true;
        }
    };

    private static final Converter UPPER = new Converter() {
        @Override
        public boolean convert(SampleContext ctx, Sample smp) {
            String r = ascii(smp.str, smp.off, smp.len, true);
            if (r != null) {
                smp.setStr(r);
            }
            return true;
        }
    };

    private static final Converter LENGTH = new Converter() {
        @Override
        public boolean convert(SampleContext ctx, Sample smp) {
            smp.setInt(smp.len);
            return true;
        }
    };

    /** {@code bytes(offset[,length])}: past the end gives an empty string (checked with haproxy 2.6.12). */
    private static Converter bytes(Args a) throws ArgException {
        long offset = a.integer(0, 0);
        long length = a.integer(1, -1);
        if (offset < 0) {
            throw new ArgException(1, "offset must not be negative");
        }
        if (a.has(1) && length <= 0) {
            throw new ArgException(2, "length must be > 0");
        }
        return new Converter() {
            @Override
            public boolean convert(SampleContext ctx, Sample smp) {
                if (offset >= smp.len) {
                    smp.setStr(smp.str, smp.off + smp.len, smp.off + smp.len);
                    return true;
                }
                int from = smp.off + (int) offset;
                int rest = smp.len - (int) offset;
                int n = length < 0 || length > rest ? rest : (int) length;
                smp.setStr(smp.str, from, from + n);
                return true;
            }
        };
    }

    /**
     * HAProxy's {@code field} and {@code word}: fields are separated by any of the delimiter characters (empty
     * fields count); words are the non-empty fields. A negative index counts from the end and then takes
     * {@code count} fields backwards; count 0 means "to the end" (or to the start). A field past the end finds
     * nothing; a word past the end is an empty string (both checked with haproxy 2.6.12).
     */
    private static Converter fieldOrWord(Args a, boolean words) throws ArgException {
        long index = a.integer(0, 0);
        String delims = a.str(1);
        long count = a.integer(2, 1);
        if (index == 0) {
            throw new ArgException(1, "index must be different from 0");
        }
        if (delims.isEmpty()) {
            throw new ArgException(2, "empty delimiters list");
        }
        if (count < 0) {
            throw new ArgException(3, "count must not be negative");
        }
        return new Converter() {
            @Override
            public boolean convert(SampleContext ctx, Sample smp) {
                String s = smp.str;
                int start = smp.off;
                int end = smp.off + smp.len;
                // collect token bounds on the fly
                int n = 0;
                int[] bounds = new int[16];
                int i = start;
                while (true) {
                    if (words) {
                        while (i < end && delims.indexOf(s.charAt(i)) >= 0) {
                            i++;
                        }
                        if (i >= end) {
                            break;
                        }
                    }
                    int j = i;
                    while (j < end && delims.indexOf(s.charAt(j)) < 0) {
                        j++;
                    }
                    if (2 * n + 2 > bounds.length) {
                        bounds = java.util.Arrays.copyOf(bounds, bounds.length * 2);
                    }
                    bounds[2 * n] = i;
                    bounds[2 * n + 1] = j;
                    n++;
                    if (j >= end) {
                        break;
                    }
                    i = j + 1;
                }
                int first;
                int last;
                if (index > 0) {
                    first = (int) Math.min(index - 1, Integer.MAX_VALUE);
                    last = count == 0 ? n - 1 : (int) Math.min(first + count - 1, n - 1);
                } else {
                    last = (int) Math.max(n + index, -1);
                    first = count == 0 ? 0 : (int) Math.max(last - count + 1, 0);
                }
                if (first >= n || last < 0 || first > last) {
                    if (words) {
                        smp.setStr(s, end, end);
                        return true;
                    }
                    return false;
                }
                smp.setStr(s, bounds[2 * first], bounds[2 * last + 1]);
                return true;
            }
        };
    }

    /**
     * {@code regsub(regex,subst[,flags])}: flags {@code g} (every match) and {@code i} (ignore case); in the
     * substitution {@code \N} is group N (empty when absent) and {@code \\} a backslash.
     */
    private static Converter regsub(Args a) throws ArgException {
        String flags = a.str(2, "");
        boolean global = false;
        boolean icase = false;
        for (char f : flags.toCharArray()) {
            if (f == 'g') {
                global = true;
            } else if (f == 'i') {
                icase = true;
            } else {
                throw new ArgException(3, "invalid regex flag '" + f + "', only 'i' and 'g' are supported.");
            }
        }
        Pattern p;
        try {
            p = io.ballast.acl.internal.pattern.Patterns.regex(a.str(0), icase);
        } catch (PatternException e) {
            throw new ArgException(1, e.getMessage());
        }
        String subst = a.str(1);
        boolean g = global;
        return new Converter() {
            @Override
            public boolean convert(SampleContext ctx, Sample smp) {
                Matcher m = p.matcher(smp.str);
                m.region(smp.off, smp.off + smp.len);
                if (!m.find()) {
                    return true;
                }
                StringBuilder b = new StringBuilder(smp.len + subst.length());
                int pos = smp.off;
                int end = smp.off + smp.len;
                do {
                    b.append(smp.str, pos, m.start());
                    appendSubst(b, m);
                    pos = m.end();
                    if (m.end() == m.start()) {
                        if (pos < end) {
                            b.append(smp.str.charAt(pos));
                        }
                        pos++;
                        if (pos > end || !g) {
                            break;
                        }
                        m.region(pos, end);
                    }
                } while (g && m.find());
                if (pos < end) {
                    b.append(smp.str, pos, end);
                }
                smp.setStr(b.toString());
                return true;
            }

            private void appendSubst(StringBuilder b, Matcher m) {
                for (int i = 0; i < subst.length(); i++) {
                    char c = subst.charAt(i);
                    if (c == '\\' && i + 1 < subst.length()) {
                        char d = subst.charAt(i + 1);
                        if (d >= '0' && d <= '9') {
                            int grp = d - '0';
                            if (grp <= m.groupCount() && m.group(grp) != null) {
                                b.append(m.group(grp));
                            }
                            i++;
                            continue;
                        }
                        if (d == '\\') {
                            b.append('\\');
                            i++;
                            continue;
                        }
                    }
                    b.append(c);
                }
            }
        };
    }

    private static Converter trim(String chars, boolean left) {
        return new Converter() {
            @Override
            public boolean convert(SampleContext ctx, Sample smp) {
                int from = smp.off;
                int to = smp.off + smp.len;
                if (left) {
                    while (from < to && chars.indexOf(smp.str.charAt(from)) >= 0) {
                        from++;
                    }
                } else {
                    while (to > from && chars.indexOf(smp.str.charAt(to - 1)) >= 0) {
                        to--;
                    }
                }
                smp.setStr(smp.str, from, to);
                return true;
            }
        };
    }
}
