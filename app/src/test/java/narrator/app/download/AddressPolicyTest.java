package narrator.app.download;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Set;
import narrator.core.ErrorCode;
import narrator.core.NarratorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pure: literals are parsed without DNS, names go through a hand-written resolver. */
class AddressPolicyTest {
    private static final Map<String, String[]> DNS = Map.of(
            "public.example", new String[] {"93.184.215.14"},
            "mixed.example", new String[] {"93.184.215.14", "10.0.0.7"},
            "rebind.example", new String[] {"2606:2800:21f:cb07::1", "::ffff:169.254.169.254"});

    private static final AddressPolicy.Resolver FAKE_DNS = host -> {
        String[] literals = DNS.get(host);
        if (literals == null) {
            if (host.chars().anyMatch(Character::isLetter) && !host.contains(":")) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName(host)};
        }
        InetAddress[] addresses = new InetAddress[literals.length];
        for (int i = 0; i < literals.length; i++) {
            addresses[i] = InetAddress.getByName(literals[i]);
        }
        return addresses;
    };

    private final AddressPolicy strict = new AddressPolicy(false, Set.of(), FAKE_DNS);

    @ParameterizedTest
    @ValueSource(strings = {
        "127.0.0.1", "127.255.0.9", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
        "169.254.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.255", "0.0.0.0", "0.1.2.3",
        "224.0.0.1", "239.255.255.250", "255.255.255.255", "192.0.0.170", "198.18.0.1",
        "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1", "fd00:ec2::254", "ff02::1",
        "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::127.0.0.1", "64:ff9b::a9fe:a9fe"})
    void refusesPrivateLoopbackAndSpecialAddresses(String literal) throws Exception {
        assertTrue(strict.isRefused(InetAddress.getByName(literal)), literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "8.8.8.8", "1.1.1.1", "93.184.215.14", "172.32.0.1", "172.15.255.255", "100.128.0.1",
        "192.169.0.1", "169.255.0.1", "2606:4700::1111", "2001:4860:4860::8888", "64:ff9b::808:808"})
    void allowsPublicAddresses(String literal) throws Exception {
        assertFalse(strict.isRefused(InetAddress.getByName(literal)), literal);
    }

    @Test
    void looksInsideIpv4MappedAddressesGivenAsRawBytes() {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, (byte) 168, 0, 1};
        assertTrue(AddressPolicy.isPrivate(mapped));
        mapped[12] = 8;
        mapped[13] = 8;
        assertFalse(AddressPolicy.isPrivate(mapped));
    }

    @Test
    void refusesANameWhenAnyAddressIsPrivate() {
        assertDoesNotThrow(() -> strict.check(URI.create("https://public.example/video.mp4")));
        NarratorException e = assertThrows(NarratorException.class,
                () -> strict.check(URI.create("https://mixed.example/video.mp4")));
        assertEquals(ErrorCode.DOWNLOAD_FAILED, e.code());
        assertEquals("private_address", e.details().get("reason"));
        assertTrue(e.getMessage().contains("mixed.example"), e.getMessage());
        assertThrows(NarratorException.class, () -> strict.check(URI.create("https://rebind.example/")));
    }

    @Test
    void refusesMetadataNamesWithoutResolvingThem() {
        AddressPolicy policy = new AddressPolicy(true, Set.of(), host -> {
            throw new AssertionError("resolved " + host);
        });
        NarratorException e = assertThrows(NarratorException.class,
                () -> policy.check(URI.create("http://metadata.google.internal/computeMetadata/v1/")));
        assertEquals("private_address", e.details().get("reason"));
    }

    @Test
    void allowPrivateUrlsStillRefusesMetadata() throws Exception {
        AddressPolicy lenient = new AddressPolicy(true, Set.of(), FAKE_DNS);
        assertDoesNotThrow(() -> lenient.check(URI.create("http://127.0.0.1:8080/a.mp4")));
        assertDoesNotThrow(() -> lenient.check(URI.create("http://192.168.1.20/a.mp4")));
        assertTrue(lenient.isRefused(InetAddress.getByName("169.254.169.254")));
        assertTrue(lenient.isRefused(InetAddress.getByName("fd00:ec2::254")));
        assertThrows(NarratorException.class, () -> lenient.check(URI.create("https://rebind.example/")));
    }

    @Test
    void exceptionsAreExactHostAndPort() {
        AddressPolicy policy = new AddressPolicy(false, Set.of("127.0.0.1:8080"), FAKE_DNS);
        assertDoesNotThrow(() -> policy.check(URI.create("http://127.0.0.1:8080/a.mp4")));
        assertThrows(NarratorException.class, () -> policy.check(URI.create("http://127.0.0.1:8081/a.mp4")));
        assertThrows(NarratorException.class, () -> policy.check(URI.create("http://127.0.0.1/a.mp4")));
    }

    @Test
    void unknownHostIsADownloadFailure() {
        NarratorException e = assertThrows(NarratorException.class,
                () -> strict.check(URI.create("https://nowhere.example/")));
        assertEquals(ErrorCode.DOWNLOAD_FAILED, e.code());
        assertEquals("unknown_host", e.details().get("reason"));
    }
}
