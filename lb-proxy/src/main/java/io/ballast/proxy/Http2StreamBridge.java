package io.ballast.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;

import java.util.List;

/**
 * Sits between one HTTP/2 stream channel and the {@link ClientSession} that serves it: the stream's frames reach
 * the session as the bytes of an HTTP/1.1 request, and the HTTP/1.1 response the session writes leaves as frames.
 * So HTTP/2 requests go through the very rules, balancing, retries and logs of HTTP/1.1 ones, as HAProxy's first
 * HTTP/2 implementation did. Flow control follows from the stream channel: the session stops reading it when its
 * server cannot take more, which withholds the client's window; the channel is unwritable while the client's
 * window is used up, which stops reading from the server.
 *
 * <p>What a read brings is passed on when the read completes, not frame by frame: a request the client resets in
 * the same read (rapid reset, CVE-2023-44487) is dropped before it costs a server connection.
 */
final class Http2StreamBridge extends ChannelDuplexHandler {

    private static final AsciiString HEAD = AsciiString.cached("HEAD");

    private final Http2ToHttp1 request = new Http2ToHttp1();
    private Http1ToHttp2 response;
    /** The request bytes of the read under way, passed on when it completes; {@code null} when none. */
    private ByteBuf pending;
    /** The write of the response's latest frame, which may wait for the client's flow-control window. */
    private ChannelFuture lastWrite;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof Http2HeadersFrame headers) {
                readHeaders(ctx, headers);
            } else if (msg instanceof Http2DataFrame data) {
                readData(ctx, data);
                return; // the payload went on
            }
            ReferenceCountUtil.release(msg);
        } catch (Http2Exception e) {
            ReferenceCountUtil.release(msg);
            reset(ctx, e.error());
        }
    }

    private void readHeaders(ChannelHandlerContext ctx, Http2HeadersFrame frame) throws Http2Exception {
        int id = frame.stream().id();
        if (response == null) {
            response = Http1ToHttp2.response(HEAD.contentEquals(frame.headers().method()));
            hold(ctx, request.requestHead(ctx.alloc(), id, frame.headers(), frame.isEndStream()));
        } else if (frame.isEndStream()) {
            hold(ctx, request.trailers(ctx.alloc(), id, frame.headers()));
        } else {
            throw Http2Exception.streamError(id, Http2Error.PROTOCOL_ERROR, "HEADERS after the body without END_STREAM");
        }
    }

    private void readData(ChannelHandlerContext ctx, Http2DataFrame frame) {
        if (response == null) {
            frame.release();
            reset(ctx, Http2Error.PROTOCOL_ERROR);
            return;
        }
        hold(ctx, request.data(ctx.alloc(), frame.content(), frame.isEndStream()));
    }

    private void hold(ChannelHandlerContext ctx, ByteBuf bytes) {
        if (!bytes.isReadable()) {
            bytes.release();
        } else if (pending == null) {
            pending = bytes;
        } else {
            if (!(pending instanceof io.netty.buffer.CompositeByteBuf)) {
                pending = ctx.alloc().compositeBuffer().addComponent(true, pending);
            }
            ((io.netty.buffer.CompositeByteBuf) pending).addComponent(true, bytes);
        }
    }

    /** The client cancelled the request (RST_STREAM, which the multiplexer passes as an event): the stream ends. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof Http2ResetFrame) {
            releasePending();
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (pending != null) {
            ByteBuf bytes = pending;
            pending = null;
            ctx.fireChannelRead(bytes);
        }
        ctx.fireChannelReadComplete();
    }

    private void releasePending() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf bytes)) {
            ctx.write(msg, promise);
            return;
        }
        if (response == null) {
            bytes.release(); // nothing can be answered before the request's HEADERS
            promise.trySuccess();
            return;
        }
        try {
            List<Http2StreamFrame> frames = response.translate(bytes);
            if (frames.isEmpty()) {
                promise.trySuccess();
                return;
            }
            ChannelPromise written = ctx.newPromise();
            written.addListener(f -> {
                if (f.isSuccess()) {
                    promise.trySuccess();
                } else {
                    promise.tryFailure(f.cause());
                }
            });
            lastWrite = written;
            writeFrames(ctx, frames, written);
        } catch (HttpParseException e) {
            promise.tryFailure(e);
            reset(ctx, Http2Error.INTERNAL_ERROR);
        }
    }

    /** Writes {@code frames} in order; {@code promise} completes with the last (at once if there is none). */
    static void writeFrames(ChannelHandlerContext ctx, List<Http2StreamFrame> frames, ChannelPromise promise) {
        if (frames.isEmpty()) {
            promise.trySuccess();
            return;
        }
        int last = frames.size() - 1;
        for (int i = 0; i < last; i++) {
            ctx.write(frames.get(i), ctx.voidPromise());
        }
        ctx.write(frames.get(last), promise);
    }

    /**
     * A response whose body lasted until the HTTP/1.1 connection closed ends its stream here instead. The stream is
     * closed once its last frame is written, which may wait for the client's window: closing before would reset the
     * stream and drop the end of a response given before the request was complete (a 413 during an upload).
     */
    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (response != null && response.endsAtClose()) {
            lastWrite = ctx.writeAndFlush(response.endAtClose());
        }
        if (lastWrite != null && !lastWrite.isDone()) {
            lastWrite.addListener(f -> ctx.close(promise));
        } else {
            ctx.close(promise);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releasePending();
        if (response != null) {
            response.release();
        }
    }

    /** Resets the stream with {@code error} and closes its channel. */
    static void reset(ChannelHandlerContext ctx, Http2Error error) {
        ctx.writeAndFlush(new DefaultHttp2ResetFrame(error));
        ctx.close();
    }
}
