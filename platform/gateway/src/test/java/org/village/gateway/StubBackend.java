package org.village.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * Stands in for the services behind the gateway: answers every request with the path it received, and
 * remembers each request's path and whether a token came with it.
 */
final class StubBackend {

    private final HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> clientAddresses = new CopyOnWriteArrayList<>();
    private volatile boolean ready = true;
    private volatile Duration answerAfter = Duration.ZERO;

    StubBackend() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestURI().getPath().equals("/actuator/health/readiness")) {
                // the gateway's health check of a service with several instances: not an API request
                exchange.sendResponseHeaders(ready ? 200 : 503, -1);
                exchange.close();
                return;
            }
            sleep(answerAfter);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            received.add(exchange.getRequestURI().getPath() + " auth=" + (auth != null));
            clientAddresses.add(String.valueOf(exchange.getRequestHeaders().get("X-Village-Client-Address")));
            byte[] body =
                    ("{\"path\":\"" + exchange.getRequestURI().getPath() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        // each request on a thread of its own, as a service's server does: slow answers overlap
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Answers each API request only after {@code pause} (a busy service). */
    void answerAfter(Duration pause) {
        this.answerAfter = pause;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<String> received() {
        return received;
    }

    /** The client-address headers each request arrived with, as a list per request. */
    List<String> clientAddresses() {
        return clientAddresses;
    }

    /** Whether it answers its readiness check with 200 (ready) or 503. */
    void ready(boolean ready) {
        this.ready = ready;
    }

    void stop() {
        server.stop(0);
    }
}
