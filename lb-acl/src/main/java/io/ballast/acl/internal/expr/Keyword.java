package io.ballast.acl.internal.expr;

import io.ballast.acl.internal.pattern.MatchMethod;

/**
 * A fetch or converter keyword: name, arguments, types and factory.
 *
 * @param name     the keyword
 * @param inType   converters: the type the input is cast to ({@code Sample.*}); fetches: unused
 * @param outType  the output type ({@code Sample.*})
 * @param args     argument kinds
 * @param minArgs  how many are mandatory
 * @param aclMatch for ACL-only derivatives such as {@code path_beg}: their match method; otherwise {@code null}
 * @param aclOnly  usable only as an ACL criterion (the {@code *_beg}-style derivatives)
 * @param fetch    the fetch factory (fetches)
 * @param conv     the converter factory (converters)
 */
public record Keyword(String name, byte inType, byte outType, ArgKind[] args, int minArgs, MatchMethod aclMatch,
                      boolean aclOnly, FetchFactory fetch, ConverterFactory conv) {

    public static Keyword fetch(String name, byte outType, int minArgs, FetchFactory f, ArgKind... args) {
        return new Keyword(name, (byte) 0, outType, args, minArgs, null, false, f, null);
    }

    public static Keyword conv(String name, byte in, byte out, int minArgs, ConverterFactory f, ArgKind... args) {
        return new Keyword(name, in, out, args, minArgs, null, false, null, f);
    }

    /** An ACL-only derivative of this fetch, such as {@code path_beg} of {@code path}. */
    public Keyword derive(String derivedName, MatchMethod method) {
        return new Keyword(derivedName, inType, outType, args, minArgs, method, true, fetch, null);
    }

    /** The same keyword under another name (e.g. {@code req.hdr} for {@code hdr}). */
    public Keyword alias(String alias) {
        return new Keyword(alias, inType, outType, args, minArgs, aclMatch, aclOnly, fetch, conv);
    }
}
