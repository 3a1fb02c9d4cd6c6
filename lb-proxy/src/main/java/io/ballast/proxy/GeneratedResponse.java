package io.ballast.proxy;

import io.ballast.core.request.ReasonPhrases;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A response Ballast writes itself ({@code return}, {@code redirect}), built header by header like HAProxy's. */
final class GeneratedResponse {

    private final int status;
    private final List<String> lines = new ArrayList<>();

    GeneratedResponse(int status) {
        this.status = status;
    }

    GeneratedResponse header(String name, String value) {
        lines.add(name + ": " + value);
        return this;
    }

    /** The response with {@code body}; a {@code content-length} header comes first, as in HAProxy. */
    ByteBuf toBuffer(byte[] body) {
        StringBuilder head = new StringBuilder(128).append("HTTP/1.1 ").append(status).append(' ')
                .append(ReasonPhrases.reason(status)).append("\r\n")
                .append("content-length: ").append(body.length).append("\r\n");
        for (String line : lines) {
            head.append(line).append("\r\n");
        }
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        return Unpooled.wrappedBuffer(h, body);
    }
}
