package io.ballast.proxy;

/** A message that breaks HTTP/1.x syntax or framing rules; it is answered with {@link #status()} and never forwarded. */
final class HttpParseException extends Exception {

    private final int status;

    HttpParseException(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    /** The status to answer a client with (400, 413, 414, 431, 501); for responses the engine answers 502. */
    int status() {
        return status;
    }
}
