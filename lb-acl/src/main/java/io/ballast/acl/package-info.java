/**
 * HAProxy's ACL language: sample fetches, converters, matchers and {@code if}/{@code unless} conditions,
 * compiled to predicates over {@link io.ballast.core.request.RequestView}. Not implemented yet (issue 5):
 * until then the configuration loader warns on {@code acl} lines and refuses the rules that would use them
 * ({@code use_backend ... if}, {@code http-request ...}), so that no traffic is routed differently from
 * what a configuration says.
 */
package io.ballast.acl;
