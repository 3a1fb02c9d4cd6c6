package io.ballast.proxy.log;

import java.util.HashMap;
import java.util.Map;

/** The {@code log-format} variables Ballast renders (HAProxy configuration manual §8.2.6). */
enum LogVar {
    CLIENT_IP("ci"), CLIENT_PORT("cp"), FRONTEND_IP("fi"), FRONTEND_PORT("fp"), BACKEND_IP("bi"),
    BACKEND_PORT("bp"), SERVER_IP("si"), SERVER_PORT("sp"),
    FRONTEND("f"), FRONTEND_TRANSPORT("ft"), BACKEND("b"), SERVER("s"),
    ACCEPT_DATE("t"), REQUEST_DATE("tr"), REQUEST_DATE_GMT("trg"), REQUEST_DATE_LOCAL("trl"),
    ACCEPT_DATE_GMT("T"), ACCEPT_DATE_LOCAL("Tl"), ACCEPT_EPOCH("Ts"), ACCEPT_MILLIS("ms"),
    TH("Th"), TI("Ti"), TR("TR"), TQ("Tq"), TW("Tw"), TC("Tc"), TR_SERVER("Tr"), TA("Ta"), TT("Tt"), TD("Td"),
    TU("Tu"),
    STATUS("ST"), BYTES_OUT("B"), BYTES_IN("U"), REQUEST("r"), METHOD("HM"), URI("HU"), PATH("HP"),
    PATH_ONLY("HPO"), QUERY("HQ"), VERSION("HV"), REQUEST_COOKIE("CC"), RESPONSE_COOKIE("CS"),
    REQUEST_HEADERS("hr"), RESPONSE_HEADERS("hs"), REQUEST_HEADERS_LIST("hrl"), RESPONSE_HEADERS_LIST("hsl"),
    ACTIVE("ac"), FRONTEND_CONNS("fc"), BACKEND_CONNS("bc"), SERVER_CONNS("sc"), RETRIES("rc"),
    SERVER_QUEUE("sq"), BACKEND_QUEUE("bq"), REQUEST_COUNTER("rt"),
    TERMINATION("ts"), TERMINATION_COOKIES("tsc"), PID("pid"), HOSTNAME("H"), SSL_VERSION("sslv"),
    SSL_CIPHER("sslc");

    private static final Map<String, LogVar> BY_NAME = new HashMap<>();

    static {
        for (LogVar v : values()) {
            BY_NAME.put(v.name, v);
        }
    }

    final String name;

    LogVar(String name) {
        this.name = name;
    }

    /** The variable called {@code name} (without {@code %}), or {@code null}. */
    static LogVar named(String name) {
        return BY_NAME.get(name);
    }
}
