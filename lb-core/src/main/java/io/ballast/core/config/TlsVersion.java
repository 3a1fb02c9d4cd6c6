package io.ballast.core.config;

/** The SSL/TLS protocol versions of {@code ssl-min-ver}, {@code ssl-max-ver} and {@code no-*}/{@code force-*}, oldest first. */
public enum TlsVersion {
    /** SSL 3.0: {@code SSLv3}, {@code no-sslv3}. */
    SSLV3("SSLv3", "sslv3", "SSLv3"),
    /** TLS 1.0: {@code TLSv1.0}, {@code no-tlsv10}. */
    TLSV1_0("TLSv1.0", "tlsv10", "TLSv1"),
    /** TLS 1.1: {@code TLSv1.1}, {@code no-tlsv11}. */
    TLSV1_1("TLSv1.1", "tlsv11", "TLSv1.1"),
    /** TLS 1.2: {@code TLSv1.2}, {@code no-tlsv12}. */
    TLSV1_2("TLSv1.2", "tlsv12", "TLSv1.2"),
    /** TLS 1.3: {@code TLSv1.3}, {@code no-tlsv13}. */
    TLSV1_3("TLSv1.3", "tlsv13", "TLSv1.3");

    private final String configName;
    private final String flagSuffix;
    private final String protocolName;

    TlsVersion(String configName, String flagSuffix, String protocolName) {
        this.configName = configName;
        this.flagSuffix = flagSuffix;
        this.protocolName = protocolName;
    }

    /** The name in the configuration, e.g. {@code TLSv1.2}. */
    public String configName() {
        return configName;
    }

    /** The protocol name of the JSSE API ({@code TLSv1} for TLS 1.0), as TLS libraries report it. */
    public String protocolName() {
        return protocolName;
    }

    /** The version called {@code name} in the configuration ({@code SSLv3}, {@code TLSv1.0}...), or {@code null}. */
    public static TlsVersion named(String name) {
        for (TlsVersion v : values()) {
            if (v.configName.equals(name)) {
                return v;
            }
        }
        return null;
    }

    /** The version of a {@code no-<suffix>} or {@code force-<suffix>} option ({@code tlsv12}...), or {@code null}. */
    static TlsVersion ofFlag(String suffix) {
        for (TlsVersion v : values()) {
            if (v.flagSuffix.equals(suffix)) {
                return v;
            }
        }
        return null;
    }
}
