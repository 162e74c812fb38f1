package org.village.notification.delivery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.village.notification.NotificationProperties;

/**
 * Where a webhook may be sent: only to public addresses. A destination whose host resolves to a loopback,
 * link-local (cloud metadata at 169.254.169.254 included), private, shared (100.64/10), unspecified or multicast
 * address is refused, at registration and again before every call, unless its host is allowlisted in
 * configuration ({@code village.notification.delivery.allowed-hosts}).
 */
@Component
public class WebhookDestinations {

    private final Set<String> allowed;

    public WebhookDestinations(NotificationProperties properties) {
        this.allowed = properties.delivery().allowedHosts().stream()
                .map(h -> h.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Why a destination may not be called. */
    public static final class Refused extends Exception {
        Refused(String reason) {
            super(reason);
        }
    }

    /**
     * Passes when every address the URL's host resolves to is public, or the host is allowlisted.
     *
     * @throws UnknownHostException when the host does not resolve (now: it may later, and is checked again then)
     */
    public void check(URI url) throws Refused, UnknownHostException {
        String host = url.getHost();
        if (host == null) {
            throw new Refused("the URL names no host");
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (allowed.contains(bare.toLowerCase(Locale.ROOT))) {
            return;
        }
        for (InetAddress address : InetAddress.getAllByName(bare)) {
            if (internal(address)) {
                throw new Refused("it points at an internal address");
            }
        }
    }

    /** Loopback, link-local, private, shared, unspecified, multicast, or an IPv6 form of one of those. */
    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isAnyLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0
                    || first == 127
                    || (first == 100 && second >= 64 && second < 128)
                    || (first == 169 && second == 254)
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
                    || first >= 240;
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true;
            }
            boolean mappedOrCompatible = true;
            for (int i = 0; i < 10; i++) {
                mappedOrCompatible &= b[i] == 0;
            }
            if (mappedOrCompatible && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
                try {
                    return internal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException impossible) {
                    return true;
                }
            }
        }
        return false;
    }
}
