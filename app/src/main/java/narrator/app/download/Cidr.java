package narrator.app.download;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An address block such as {@code 10.0.0.0/8}, parsed from a numeric literal (no DNS). */
final class Cidr {
    private final byte[] network;
    private final int bits;

    private Cidr(byte[] network, int bits) {
        this.network = network;
        this.bits = bits;
    }

    static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String literal = slash < 0 ? text : text.substring(0, slash);
        try {
            byte[] network = InetAddress.getByName(literal).getAddress();
            int bits = slash < 0 ? network.length * 8 : Integer.parseInt(text.substring(slash + 1));
            return new Cidr(network, bits);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address literal: " + text, e);
        }
    }

    /**
     * For blocks whose literal Java would rewrite, such as {@code ::ffff:0:0/96} (parsed as IPv4).
     */
    static Cidr ofBytes(byte[] network, int bits) {
        return new Cidr(network.clone(), bits);
    }

    /** {@code address} is 4 bytes (IPv4) or 16 (IPv6); a block only matches its own family. */
    boolean contains(byte[] address) {
        if (network.length != address.length) {
            return false;
        }
        int whole = bits / 8;
        if (!Arrays.equals(network, 0, whole, address, 0, whole)) {
            return false;
        }
        int rest = bits % 8;
        int mask = (0xff << (8 - rest)) & 0xff;
        return rest == 0 || (network[whole] & mask) == (address[whole] & mask);
    }
}
