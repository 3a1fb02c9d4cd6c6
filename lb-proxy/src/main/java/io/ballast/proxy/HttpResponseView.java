package io.ballast.proxy;

import io.ballast.core.request.ReasonPhrases;
import io.ballast.core.request.ResponseView;

/**
 * The {@link ResponseView} of a server's response head, and the edits {@code http-response} rules make to it.
 * The headers are copied only when a rule first edits one.
 */
final class HttpResponseView implements ResponseView {

    private final HttpHead head;
    private int status;
    private String reason;
    private EditedHeaders edited;
    private final HeadLines lines;

    HttpResponseView(HttpHead head) {
        this.head = head;
        this.lines = new HeadLines(head);
        this.status = head.status();
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public int headerCount() {
        return edited != null ? edited.size() : head.headerCount();
    }

    @Override
    public String headerName(int index) {
        return edited != null ? edited.name(index) : lines.name(index);
    }

    @Override
    public String headerValue(int index) {
        return edited != null ? edited.value(index) : lines.value(index);
    }

    /** The headers, copied from the head on the first call, for a rule to edit. */
    EditedHeaders editHeaders() {
        if (edited == null) {
            edited = new EditedHeaders(head, lines);
        }
        return edited;
    }

    /** {@code http-response set-status}: a {@code null} reason takes the usual one for the code. */
    void setStatus(int status, String reason) {
        this.status = status;
        this.reason = reason != null ? reason : ReasonPhrases.reason(status);
    }

    boolean isEdited() {
        return reason != null || edited != null;
    }

    /** The status line as it goes out, without its line terminator. */
    String startLine() {
        if (reason == null) {
            return head.string(0, head.startLineEnd());
        }
        return "HTTP/1." + (head.version() == HttpHead.HTTP_1_1 ? 1 : 0) + " " + status + " " + reason;
    }
}
