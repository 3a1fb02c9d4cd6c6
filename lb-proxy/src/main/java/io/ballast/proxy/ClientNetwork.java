package io.ballast.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A network such as {@code 10.0.0.0/8} or a single address, matched against client addresses. */
final class ClientNetwork {

    private final byte[] network;
    private final int prefix;

    private ClientNetwork(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    static ClientNetwork parse(String text) {
        int slash = text.indexOf('/');
        try {
            byte[] address = InetAddress.getByName(slash < 0 ? text : text.substring(0, slash)).getAddress();
            int bits = slash < 0 ? address.length * 8 : Integer.parseInt(text.substring(slash + 1));
            if (bits < 0 || bits > address.length * 8) {
                throw new IllegalArgumentException("invalid network '" + text + "'");
            }
            return new ClientNetwork(address, bits);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("invalid network '" + text + "'", e);
        }
    }

    boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest);
        return (a[full] & mask) == (network[full] & mask);
    }
}
