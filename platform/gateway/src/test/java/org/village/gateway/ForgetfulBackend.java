package org.village.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A service that ends its keep-alive connections at the worst moment: it answers the first request on each
 * connection (keeping the connection open, as HTTP/1.1 does), and closes the connection without a word when a
 * second request arrives on it. It remembers every request it answered.
 */
final class ForgetfulBackend {

    private final ServerSocket socket;
    private final List<String> answered = new CopyOnWriteArrayList<>();
    private final List<String> dropped = new CopyOnWriteArrayList<>();

    ForgetfulBackend() {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread accepting = new Thread(
                () -> {
                    while (!socket.isClosed()) {
                        try {
                            Socket connection = socket.accept();
                            Thread serving = new Thread(() -> serve(connection), "forgetful-connection");
                            serving.setDaemon(true);
                            serving.start();
                        } catch (IOException closed) {
                            return;
                        }
                    }
                },
                "forgetful-backend");
        accepting.setDaemon(true);
        accepting.start();
    }

    String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /** The requests answered, as "METHOD path". */
    List<String> answered() {
        return List.copyOf(answered);
    }

    /** The requests whose connection was closed under them, as "METHOD path". */
    List<String> dropped() {
        return List.copyOf(dropped);
    }

    void stop() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = connection.getInputStream();
            OutputStream out = connection.getOutputStream();
            String first = request(in);
            if (first == null) {
                return;
            }
            answered.add(first);
            byte[] body = "{\"answered\":true}".getBytes(StandardCharsets.UTF_8);
            out.write(
                    ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String second = request(in);
            if (second != null) {
                dropped.add(second);
            }
        } catch (IOException gone) {
            // the gateway went away
        }
    }

    /** Reads one request, its body included; returns "METHOD path", or null when the connection ended. */
    private static String request(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        for (String line : text.split("\r\n", -1)) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(
                        line.substring("content-length:".length()).strip());
            }
        }
        in.readNBytes(length);
        String[] requestLine = text.substring(0, text.indexOf("\r\n")).split(" ", -1);
        return requestLine[0] + " " + requestLine[1];
    }
}
