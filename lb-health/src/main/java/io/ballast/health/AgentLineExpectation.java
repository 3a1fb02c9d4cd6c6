package io.ballast.health;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/** An agent's answer: its first line, complete at a line end or when the agent closes. */
final class AgentLineExpectation implements Expectation {

    @Override
    public Outcome evaluate(ByteBuf data, boolean closed) {
        String text = data.toString(StandardCharsets.US_ASCII);
        int end = 0;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        if (end == text.length() && !closed) {
            return null;
        }
        if (text.isEmpty()) {
            return Outcome.fail(CheckStatus.L7RSP, 0, "Ignoring an empty agent reply");
        }
        return new Outcome(true, CheckStatus.L7OK, 0, text.substring(0, end));
    }

    @Override
    public String describe() {
        return "agent reply";
    }
}
