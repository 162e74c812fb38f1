package org.village.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The address of whoever is signing in: the one the gateway saw ({@code X-Village-Client-Address}, which the
 * gateway always sets itself) when the request comes from a trusted gateway, otherwise the connection's own.
 * A client cannot choose its address by sending the header itself, and the gateway's own address is never
 * the one counted for a request it forwards.
 */
final class ClientAddress {

    static final String HEADER = "X-Village-Client-Address";

    private final List<String> trustedProxies;
    private final Set<String> trustedAddresses = ConcurrentHashMap.newKeySet();

    ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        String forwarded = request.getHeader(HEADER);
        if (forwarded != null && !forwarded.isBlank() && trusted(peer)) {
            return forwarded.strip();
        }
        return peer;
    }

    private boolean trusted(String peer) {
        if (trustedAddresses.contains(peer)) {
            return true;
        }
        for (String proxy : trustedProxies) {
            try {
                for (InetAddress address : InetAddress.getAllByName(proxy)) {
                    if (address.getHostAddress().equals(peer) || address.equals(InetAddress.getByName(peer))) {
                        trustedAddresses.add(peer);
                        return true;
                    }
                }
            } catch (UnknownHostException e) {
                // a gateway not running yet: not trusted now, looked up again next time
            }
        }
        return false;
    }
}
