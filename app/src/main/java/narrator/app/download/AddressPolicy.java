package narrator.app.download;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;

/**
 * The SSRF guard: a job's input URL must not reach the host's own services, the private network or
 * the cloud metadata endpoint. A host is refused when ANY of its addresses is in a refused block, so
 * a name with one public and one private record cannot slip through.
 *
 * <p>DNS rebinding: the check resolves the name, then the HTTP client resolves it again to connect,
 * and a hostile DNS server can answer differently the second time. Java 17's HttpClient cannot be
 * given a pre-resolved address, so the window cannot be closed here; {@link Downloader} narrows it by
 * checking right before every request (redirect hops included). Deployments that need a hard
 * guarantee should also block private ranges at the network level.
 */
public final class AddressPolicy {

    /** How names become addresses; tests substitute their own. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Refused even with ALLOW_PRIVATE_URLS: they hand out the machine's cloud credentials. */
    private static final Set<String> METADATA_NAMES = Set.of("metadata.google.internal", "metadata.goog");
    private static final List<Cidr> METADATA = cidrs("169.254.169.254", "fd00:ec2::254", "100.100.100.200");

    private static final List<Cidr> PRIVATE = cidrs(
            "0.0.0.0/8",          // "this network", including the unspecified 0.0.0.0
            "10.0.0.0/8",
            "100.64.0.0/10",      // carrier-grade NAT
            "127.0.0.0/8",
            "169.254.0.0/16",     // link-local, where metadata services live
            "172.16.0.0/12",
            "192.0.0.0/24",       // IETF protocol assignments
            "192.168.0.0/16",
            "198.18.0.0/15",      // benchmarking
            "224.0.0.0/4",        // multicast
            "240.0.0.0/4",        // reserved, including broadcast 255.255.255.255
            "::/128",
            "::1/128",
            "fc00::/7",           // unique local
            "fe80::/10",          // link-local
            "fec0::/10",          // deprecated site-local
            "ff00::/8");          // multicast

    /** IPv6 forms that carry an IPv4 address in their last 4 bytes: compatible and NAT64. */
    private static final List<Cidr> EMBEDS_IPV4 = cidrs("::/96", "64:ff9b::/96");
    private static final Cidr MAPPED_IPV4 = Cidr.ofBytes(new byte[] {
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0}, 96);

    private final boolean allowPrivate;
    private final Set<String> exceptions;
    private final Resolver resolver;

    /**
     * {@code allowPrivate} is ALLOW_PRIVATE_URLS. {@code exceptions} are {@code host:port} pairs (as
     * written in URLs, e.g. {@code 127.0.0.1:8080}) allowed whatever they resolve to; production
     * passes none, tests use it to let one loopback server stand in for a public host.
     */
    public AddressPolicy(boolean allowPrivate, Set<String> exceptions) {
        this(allowPrivate, exceptions, InetAddress::getAllByName);
    }

    AddressPolicy(boolean allowPrivate, Set<String> exceptions, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.exceptions = Set.copyOf(exceptions);
        this.resolver = resolver;
    }

    /** Throws {@code DOWNLOAD_FAILED} (detail {@code reason: private_address}) for a refused host. */
    public void check(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            throw new NarratorException(ErrorCode.INVALID_REQUEST, "URL has no host: " + uri);
        }
        host = host.toLowerCase(Locale.ROOT);
        if (exceptions.contains(host + ":" + port(uri))) {
            return;
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (bare.endsWith(".")) {
            bare = bare.substring(0, bare.length() - 1); // "metadata.google.internal." is the same name
        }
        if (METADATA_NAMES.contains(bare)) {
            throw refused(host);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            throw new NarratorException(ErrorCode.DOWNLOAD_FAILED, "cannot resolve host " + host,
                    Map.of("reason", "unknown_host"), e);
        }
        if (Arrays.stream(addresses).anyMatch(this::isRefused)) {
            throw refused(host);
        }
    }

    boolean isRefused(InetAddress address) {
        byte[] bytes = address.getAddress();
        return isMetadata(bytes) || (!allowPrivate && isPrivate(bytes));
    }

    static boolean isPrivate(byte[] address) {
        return inAny(PRIVATE, address);
    }

    private static boolean isMetadata(byte[] address) {
        return inAny(METADATA, address);
    }

    /** Also looks inside IPv6 forms that carry an IPv4 address, e.g. {@code ::ffff:127.0.0.1}. */
    private static boolean inAny(List<Cidr> blocks, byte[] address) {
        if (blocks.stream().anyMatch(block -> block.contains(address))) {
            return true;
        }
        byte[] ipv4 = embeddedIpv4(address);
        return ipv4 != null && blocks.stream().anyMatch(block -> block.contains(ipv4));
    }

    /**
     * The IPv4 address inside IPv4-mapped ({@code ::ffff:0:0/96}), IPv4-compatible ({@code ::/96})
     * and NAT64 ({@code 64:ff9b::/96}) addresses, else null. Java usually turns mapped addresses into
     * IPv4 ones itself; this does not rely on it.
     */
    private static byte[] embeddedIpv4(byte[] address) {
        if (address.length != 16) {
            return null;
        }
        boolean embeds = MAPPED_IPV4.contains(address)
                || EMBEDS_IPV4.stream().anyMatch(block -> block.contains(address));
        return embeds ? Arrays.copyOfRange(address, 12, 16) : null;
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static NarratorException refused(String host) {
        return new NarratorException(ErrorCode.DOWNLOAD_FAILED,
                "refusing to download from " + host + ": it is a private, loopback or metadata address",
                Map.of("reason", "private_address"), null);
    }

    private static List<Cidr> cidrs(String... blocks) {
        return Arrays.stream(blocks).map(Cidr::parse).toList();
    }
}
