package io.ballast.core.balance;

import io.ballast.core.config.BalanceSpec;
import io.ballast.core.request.RequestView;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * {@code balance source}: the client's IP address folded into 32 bits (the XOR of its big-endian 32-bit words:
 * the IPv4 address itself, or the four words of an IPv6 one), as HAProxy's {@code get_server_sh} does. No string
 * hash function applies; the avalanche step does when configured. Clients without an IP address (UNIX sockets)
 * go round robin.
 */
final class SourceHash extends HashAlgorithm {

    SourceHash(BalanceSpec spec) {
        super(spec);
    }

    @Override
    long keyHash(RequestView request) {
        SocketAddress address = request.clientAddress();
        if (!(address instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return NO_KEY;
        }
        return Integer.toUnsignedLong(fold(inet.getAddress()));
    }

    /** The XOR of the address's big-endian 32-bit words. */
    static int fold(InetAddress address) {
        byte[] b = address.getAddress();
        int h = 0;
        for (int i = 0; i + 4 <= b.length; i += 4) {
            h ^= (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
        }
        return h;
    }

    /** Registers {@code source}. */
    public static final class Provider extends HashProvider {

        @Override
        public String name() {
            return "source";
        }

        @Override
        public BalanceAlgorithm create(BalanceSpec spec) {
            Arguments.requireNone(name(), spec.arguments());
            return new SourceHash(spec);
        }
    }
}
