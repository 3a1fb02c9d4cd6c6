/**
 * HAProxy 2.6's ACL language: sample fetches, converters, matchers and {@code if}/{@code unless} conditions,
 * compiled once into predicates over a {@link io.ballast.acl.SampleContext}.
 *
 * <p>Entry point: {@link io.ballast.acl.AclCompiler}, one per proxy section. The packages under
 * {@code io.ballast.acl.internal} are implementation details and not an API.
 */
package io.ballast.acl;
