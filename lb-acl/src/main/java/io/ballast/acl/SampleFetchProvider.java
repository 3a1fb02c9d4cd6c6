package io.ballast.acl;

import java.util.List;

/**
 * Adds a sample fetch to the language. Providers are found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/io.ballast.acl.SampleFetchProvider} of your jar and {@code acl x my_fetch(arg) value} or
 * {@code %[my_fetch(arg)]} works with no change to Ballast. A provider may not replace a built-in fetch.
 */
public interface SampleFetchProvider {

    /** The keyword, e.g. {@code geo_country}; letters, digits, {@code _} and {@code .}. */
    String name();

    /** The type of the values {@link Fetcher#fetch} returns; decides the default match method in ACLs. */
    SampleType type();

    /** The least number of arguments accepted inside the parentheses. */
    default int minArguments() {
        return 0;
    }

    /** The greatest number of arguments accepted inside the parentheses. */
    default int maxArguments() {
        return 0;
    }

    /**
     * Compiles one use of the fetch; called once per configuration line.
     *
     * @param arguments the arguments, unquoted, between {@link #minArguments()} and {@link #maxArguments()} of them
     * @return the fetcher to call per request
     * @throws IllegalArgumentException with a sentence for the user when an argument is wrong
     */
    Fetcher compile(List<String> arguments);

    /** Reads the value for one request. Must be thread-safe. */
    @FunctionalInterface
    interface Fetcher {
        /**
         * @return a {@link String}, a {@link Number} (integer), a {@link Boolean}, a {@link java.net.InetAddress},
         *         or {@code null} when there is nothing to return
         */
        Object fetch(SampleContext ctx);
    }
}
