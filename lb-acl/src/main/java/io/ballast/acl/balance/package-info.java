/**
 * Balancing algorithms that need HAProxy's sample expressions, plugged into lb-core through its
 * {@link io.ballast.core.balance.BalanceAlgorithmProvider} service: {@code balance hash <expr>}.
 */
package io.ballast.acl.balance;
