package io.ballast.acl.balance;

import io.ballast.acl.SampleContext;
import io.ballast.acl.AclCompiler;
import io.ballast.acl.AclException;
import io.ballast.acl.SampleExpression;
import io.ballast.core.balance.BalanceAlgorithm;
import io.ballast.core.balance.HashProvider;
import io.ballast.core.balance.KeyedHash;
import io.ballast.core.config.BalanceSpec;

import java.util.List;

/**
 * {@code balance hash <expr>} (HAProxy 2.6's {@code get_server_expr}): the value of a sample expression such as
 * {@code req.cook(id)}, {@code hdr(host),lower} or {@code src}, cast to binary as HAProxy does (see
 * {@link SampleExpression#evaluateBinary}), is hashed with the backend's {@code hash-type} like the other hash
 * algorithms (see {@link KeyedHash}). A found but empty value is hashed too; a request for which the expression
 * finds nothing goes round robin, as in HAProxy. The expression sees the request and the client and local
 * addresses only: fetches of responses, variables and backend state find nothing.
 *
 * <p>Registered through {@code META-INF/services}, so that lb-core needs no knowledge of sample expressions.
 */
public final class HashExpressionProvider extends HashProvider {

    /** @return {@code hash} */
    @Override
    public String name() {
        return "hash";
    }

    /**
     * Compiles the expression now, so that a wrong one is reported at load time with the {@code balance} line.
     *
     * @throws IllegalArgumentException with HAProxy's message when the expression is missing, followed by another
     *                                  word, or does not compile
     */
    @Override
    public BalanceAlgorithm create(BalanceSpec spec) {
        List<String> args = spec.arguments();
        if (args.isEmpty() || args.get(0).isEmpty()) {
            throw new IllegalArgumentException("balance hash requires a sample expression.");
        }
        if (args.size() > 1) {
            throw new IllegalArgumentException("balance hash takes no other argument (got '" + args.get(1) + "').");
        }
        SampleExpression expression;
        try {
            expression = AclCompiler.create().sample(args.get(0), null);
        } catch (AclException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return KeyedHash.of(spec, request -> expression.evaluateBinary(SampleContext.of(request)));
    }
}
