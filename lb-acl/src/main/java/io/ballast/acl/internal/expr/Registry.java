package io.ballast.acl.internal.expr;

import io.ballast.acl.SampleFetchProvider;
import io.ballast.acl.internal.conv.ArithConverters;
import io.ballast.acl.internal.conv.EncodingConverters;
import io.ballast.acl.internal.conv.MapConverters;
import io.ballast.acl.internal.conv.StringConverters;
import io.ballast.acl.internal.fetch.AuthFetches;
import io.ballast.acl.internal.fetch.HttpFetches;
import io.ballast.acl.internal.fetch.L4Fetches;
import io.ballast.acl.internal.fetch.MiscFetches;
import io.ballast.acl.internal.fetch.TlsFetches;
import io.ballast.acl.internal.fetch.ProviderFetch;
import io.ballast.acl.internal.fetch.StateFetches;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/** The known fetch and converter keywords: the built-in ones plus those of {@link SampleFetchProvider}s. */
public final class Registry {

    private static volatile Registry defaultRegistry;

    private final Map<String, Keyword> fetches;
    private final Map<String, Keyword> aclKeywords;
    private final Map<String, Keyword> converters;

    private Registry(Map<String, Keyword> fetches, Map<String, Keyword> aclKeywords, Map<String, Keyword> converters) {
        this.fetches = Collections.unmodifiableMap(fetches);
        this.aclKeywords = Collections.unmodifiableMap(aclKeywords);
        this.converters = Collections.unmodifiableMap(converters);
    }

    /** Built-ins plus the providers the context class loader finds; computed once. */
    public static Registry standard() {
        Registry r = defaultRegistry;
        if (r == null) {
            r = build(ServiceLoader.load(SampleFetchProvider.class));
            defaultRegistry = r;
        }
        return r;
    }

    /** Built-ins plus the given providers. */
    public static Registry build(Iterable<SampleFetchProvider> providers) {
        Map<String, Keyword> all = new LinkedHashMap<>();
        HttpFetches.register(all);
        L4Fetches.register(all);
        StateFetches.register(all);
        MiscFetches.register(all);
        TlsFetches.register(all);
        AuthFetches.register(all);
        Map<String, Keyword> fetches = new LinkedHashMap<>();
        Map<String, Keyword> acl = new LinkedHashMap<>();
        for (Keyword k : all.values()) {
            acl.put(k.name(), k);
            if (!k.aclOnly()) {
                fetches.put(k.name(), k);
            }
        }
        for (SampleFetchProvider p : providers) {
            Keyword k = ProviderFetch.keyword(p);
            if (acl.containsKey(k.name())) {
                throw new IllegalStateException("sample fetch provider " + p.getClass().getName()
                        + " may not redefine the fetch '" + k.name() + "'");
            }
            acl.put(k.name(), k);
            fetches.put(k.name(), k);
        }
        Map<String, Keyword> conv = new LinkedHashMap<>();
        StringConverters.register(conv);
        EncodingConverters.register(conv);
        ArithConverters.register(conv);
        MapConverters.register(conv);
        return new Registry(fetches, acl, conv);
    }

    /** Fetches usable in sample expressions. */
    public Map<String, Keyword> fetches() {
        return fetches;
    }

    /** Keywords usable as ACL criteria: fetches plus derivatives such as {@code path_beg}. */
    public Map<String, Keyword> aclKeywords() {
        return aclKeywords;
    }

    public Map<String, Keyword> converters() {
        return converters;
    }
}
