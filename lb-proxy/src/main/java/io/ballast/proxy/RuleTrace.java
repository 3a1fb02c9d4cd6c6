package io.ballast.proxy;

import io.ballast.acl.Condition;
import io.ballast.acl.ConditionTrace;
import io.ballast.core.config.RuleLine;
import io.ballast.core.server.Server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The report of what rules did to one request, written as they run: for each rule reached, its file and line, its
 * text, the terms of its condition with their results, and what it did (its edits of the request, its answer, the
 * backend or server it named). Filled through a {@link RuleContext}; read by {@link Explainer}.
 */
final class RuleTrace {

    private static final String RULE = "  ";
    private static final String DETAIL = "    ";
    private static final String MORE = "      ";

    private final List<String> lines = new ArrayList<>();
    /** The request as it was when the last rule that held started, to show its edits. */
    private RequestState beforeRule;
    /** The last rule whose condition held, or {@code null}. */
    private RuleLine lastHeld;

    /** Starts a part of the report, such as {@code frontend www}. */
    void section(String heading) {
        lines.add(heading);
    }

    /** A line of its own in the current part, such as the balancing algorithm's pick. */
    void note(String text) {
        lines.add(RULE + text);
    }

    /** Evaluates the condition of the rule at {@code source} and reports it; whether the rule applies. */
    boolean condition(RuleContext ctx, RuleLine source, Condition condition) {
        lines.add(RULE + source.location() + "  " + text(source));
        boolean holds = true;
        if (condition != null) {
            ConditionTrace explained = condition.explain(ctx);
            explained.toString().lines().forEach(l -> lines.add(DETAIL + l));
            holds = explained.result();
        }
        if (holds) {
            beforeRule = RequestState.of(ctx);
            lastHeld = source;
        } else {
            lines.add(DETAIL + "skipped: the condition is false");
        }
        return holds;
    }

    /** What the action of the rule that held last did. */
    void result(RuleContext ctx, RuleResult result) {
        switch (result.kind) {
            case CONTINUE -> {
                List<String> edits = beforeRule.changesTo(RequestState.of(ctx));
                lines.add(DETAIL + (edits.isEmpty() ? "applied: the request is unchanged" : "applied:"));
                edits.forEach(e -> lines.add(MORE + e));
            }
            case ALLOW -> lines.add(DETAIL + "allow: the rest of this list is skipped");
            case REJECT -> lines.add(DETAIL + (result.dropsSilently()
                    ? "silent-drop: the connection vanishes without a word to the client"
                    : "reject: the connection closes without an answer"));
            case RESPOND -> {
                lines.add(DETAIL + "answers, and no later rule runs:");
                responseHead(result).forEach(l -> lines.add(MORE + l));
            }
        }
    }

    /** The backend a {@code use_backend} rule that held named: {@code found}, or none by that name. */
    void backend(String name, BackendRuntime found) {
        lines.add(DETAIL + (found != null ? "matched: backend " + name
                : "matched, but no backend is called '" + name + "': the default backend applies"));
    }

    /** The server a {@code use-server} rule that held named: {@code found}, or none by that name. */
    void server(String name, Server found) {
        lines.add(DETAIL + (found == null ? "matched, but no server is called '" + name + "': next rule"
                : found.isUsable() ? "matched: server " + name
                : "matched, but server " + name + " is " + found.state() + ": next rule"));
    }

    /** The request went on to {@code backend}, named by the {@code use_backend} rule above or the default one. */
    void enteredBackend(BackendRuntime backend, boolean byRule) {
        section("backend " + backend.backend().name() + (byRule ? " (named by the use_backend above)" : " (default_backend)"));
    }

    /** The last rule whose condition held, or {@code null}. */
    RuleLine lastHeld() {
        return lastHeld;
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** A rule line as written, words quoted when they hold spaces. */
    static String text(RuleLine line) {
        StringBuilder b = new StringBuilder();
        for (String w : line.words()) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(w.isEmpty() || w.chars().anyMatch(Character::isWhitespace) ? "'" + w + "'" : w);
        }
        return b.toString();
    }

    /** The status line and headers of an answer a rule made, read without consuming it. */
    static List<String> responseHead(RuleResult result) {
        String text = result.response.toString(result.response.readerIndex(), result.response.readableBytes(),
                StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        return List.of((end < 0 ? text : text.substring(0, end)).split("\r\n"));
    }
}
