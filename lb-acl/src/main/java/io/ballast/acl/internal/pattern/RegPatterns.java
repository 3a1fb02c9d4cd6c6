package io.ballast.acl.internal.pattern;

import io.ballast.acl.internal.sample.Sample;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Regular expressions ({@code -m reg}), precompiled, searched anywhere in the sample as PCRE does; in order. */
final class RegPatterns extends PatternSet {

    private final Pattern[] regexes;

    RegPatterns(List<String> patterns, boolean icase) throws PatternException {
        super(Sample.STR);
        regexes = new Pattern[patterns.size()];
        for (int i = 0; i < regexes.length; i++) {
            regexes[i] = compile(patterns.get(i), icase);
        }
    }

    /** Compiles a regex with HAProxy's error message. */
    public static Pattern compile(String regex, boolean icase) throws PatternException {
        try {
            return Pattern.compile(regex, icase ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            throw new PatternException("regex '" + regex + "' is invalid (error=" + e.getDescription()
                    + ", erroffset=" + Math.max(e.getIndex(), 0) + ").");
        }
    }

    @Override
    protected int matchCast(Sample smp) {
        for (int i = 0; i < regexes.length; i++) {
            Matcher m = regexes[i].matcher(smp.str);
            m.region(smp.off, smp.off + smp.len);
            if (m.find()) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return regexes.length;
    }
}
