package io.ballast.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Sits between one HTTP/2 stream to a server ({@code proto h2}) and the {@link ServerConnection} a session uses: the
 * HTTP/1.1 request the session writes leaves as frames, and the server's frames come back as the bytes of an HTTP/1.1
 * response. The mirror of {@link Http2StreamBridge}, with the same two translators the other way round.
 */
final class Http2ServerStreamBridge extends ChannelDuplexHandler {

    /** The event that tells the {@link ServerConnection} the server did not process the request (RFC 9113 §8.7). */
    static final Object REFUSED = new Object() {
        @Override
        public String toString() {
            return "stream refused";
        }
    };

    private final Http1ToHttp2 request;
    private final Http2ToHttp1 response = new Http2ToHttp1();
    /** Whether the final (non-1xx) response head came: a later HEADERS frame carries trailers. */
    private boolean finalHead;

    /** @param scheme {@code http} or {@code https}: how the server is reached */
    Http2ServerStreamBridge(String scheme) {
        this.request = Http1ToHttp2.request(scheme);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf bytes)) {
            ctx.write(msg, promise);
            return;
        }
        try {
            Http2StreamBridge.writeFrames(ctx, request.translate(bytes), promise);
        } catch (HttpParseException e) {
            promise.tryFailure(e);
            Http2StreamBridge.reset(ctx, Http2Error.INTERNAL_ERROR);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof Http2HeadersFrame headers) {
                readHeaders(ctx, headers);
            } else if (msg instanceof Http2DataFrame data) {
                if (!finalHead) {
                    data.release();
                    Http2StreamBridge.reset(ctx, Http2Error.PROTOCOL_ERROR);
                    return;
                }
                ByteBuf bytes = response.data(ctx.alloc(), data.content(), data.isEndStream());
                if (bytes.isReadable()) {
                    ctx.fireChannelRead(bytes);
                } else {
                    bytes.release();
                }
                return;
            }
            ReferenceCountUtil.release(msg);
        } catch (Http2Exception e) {
            ReferenceCountUtil.release(msg);
            Http2StreamBridge.reset(ctx, e.error());
        }
    }

    private void readHeaders(ChannelHandlerContext ctx, Http2HeadersFrame frame) throws Http2Exception {
        int id = frame.stream().id();
        if (finalHead) {
            if (!frame.isEndStream()) {
                throw Http2Exception.streamError(id, Http2Error.PROTOCOL_ERROR, "trailers without END_STREAM");
            }
            ctx.fireChannelRead(response.trailers(ctx.alloc(), id, frame.headers()));
            return;
        }
        ByteBuf head = response.responseHead(ctx.alloc(), id, frame.headers(), frame.isEndStream(),
                request.isHeadRequest());
        CharSequence status = frame.headers().status();
        finalHead = status.charAt(0) != '1';
        ctx.fireChannelRead(head);
    }

    /**
     * The server reset the stream, or said GOAWAY before it: as a connection closed before the response ended. When
     * the server says it did not process the request (REFUSED_STREAM, or a GOAWAY whose last stream comes before this
     * one), the session is told {@link #REFUSED} first, so that it may send the request again elsewhere.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof Http2ResetFrame reset) {
            if (reset.errorCode() == Http2Error.REFUSED_STREAM.code()) {
                ctx.fireUserEventTriggered(REFUSED);
            }
            ctx.close();
        } else if (evt instanceof Http2GoAwayFrame goAway) {
            boolean unprocessed = goAway.lastStreamId() < ((Http2StreamChannel) ctx.channel()).stream().id();
            goAway.release();
            if (unprocessed) {
                ctx.fireUserEventTriggered(REFUSED);
            }
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        request.release();
    }
}
