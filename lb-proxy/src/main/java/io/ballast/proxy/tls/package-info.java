/**
 * TLS for the engine: the TLS contexts built once at startup from the configuration's {@code ssl} binds and servers
 * ({@link io.ballast.proxy.tls.TlsContexts}), certificate selection by SNI, and the TLS facts of a connection that
 * rules and logs read. Netty's {@code SslHandler} does the work, over BoringSSL (netty-tcnative) when its native
 * library loads and over the JDK's provider otherwise (see {@code docs/adr/0004-tls-engine.md}).
 *
 * <p>Internal to the engine: its public types are used by {@code io.ballast.proxy} only and are not an API.
 */
package io.ballast.proxy.tls;
