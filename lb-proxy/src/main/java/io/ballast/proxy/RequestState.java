package io.ballast.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A copy of what {@code http-request} rules may change in a request, taken to show their edits: the request line,
 * the header lines and the variables.
 *
 * @param startLine the request line, without its terminator
 * @param headers   the header lines, {@code name: value}, in order
 * @param variables the variables by scoped name
 */
record RequestState(String startLine, List<String> headers, Map<String, Object> variables) {

    /** The request of {@code ctx} as it is now. */
    static RequestState of(RuleContext ctx) {
        HttpRequestView r = ctx.request;
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < r.headerCount(); i++) {
            headers.add(r.headerName(i) + ": " + r.headerValue(i));
        }
        return new RequestState(r.startLine(), List.copyOf(headers), ctx.variables());
    }

    /**
     * What changed from this state to {@code after}, one line per change: {@code request line: A -> B},
     * {@code - name: value} for a header line removed, {@code + name: value} for one added,
     * {@code set-var txn.x = v} and {@code unset-var txn.x}.
     */
    List<String> changesTo(RequestState after) {
        List<String> changes = new ArrayList<>();
        if (!startLine.equals(after.startLine)) {
            changes.add("request line: " + startLine + " -> " + after.startLine);
        }
        List<String> added = new ArrayList<>(after.headers);
        for (String h : headers) {
            if (!added.remove(h)) {
                changes.add("- " + h);
            }
        }
        added.forEach(h -> changes.add("+ " + h));
        after.variables.forEach((name, value) -> {
            if (!Objects.equals(variables.get(name), value)) {
                changes.add("set-var " + name + " = " + value);
            }
        });
        variables.keySet().stream().filter(name -> !after.variables.containsKey(name))
                .forEach(name -> changes.add("unset-var " + name));
        return changes;
    }
}
