package org.village.devstack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The local stack's SMTP server (GreenMail, accepting mail for any address) with its inbox on a web page, in its
 * own JVM: what Village e-mailed, newest first, at {@code http://localhost:<viewer>/} and as JSON at
 * {@code /messages.json}. Mail is kept in memory only.
 *
 * <p>Arguments: SMTP port, viewer port.
 */
public final class MailNode {

    private MailNode() {}

    public static void main(String[] args) throws InterruptedException {
        Nodes.run(MailNode::serve, args);
    }

    private static void serve(String[] args) throws IOException, InterruptedException {
        int smtpPort = Integer.parseInt(args[0]);
        int viewerPort = Integer.parseInt(args[1]);
        GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        HttpServer viewer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), viewerPort), 0);
        viewer.createContext("/messages.json", exchange -> respond(exchange, "application/json", json(messages(mail))));
        viewer.createContext("/", exchange -> respond(exchange, "text/html; charset=utf-8", html(messages(mail))));
        viewer.start();
        System.out.println("SMTP on 127.0.0.1:" + smtpPort + ", its inbox on http://localhost:" + viewerPort + "/");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            viewer.stop(0);
                            mail.stop();
                            stopped.countDown();
                        },
                        "mail-node-stop"));
        stopped.await();
    }

    /** One received e-mail as the viewer shows it. */
    record Mail(String receivedAt, String to, String subject, String body) {}

    static List<Mail> messages(GreenMail mail) {
        List<Mail> all = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            try {
                all.add(new Mail(
                        String.valueOf(
                                message.getSentDate() == null
                                        ? ""
                                        : message.getSentDate().toInstant()),
                        String.join(
                                ", ",
                                Arrays.stream(message.getAllRecipients())
                                        .map(Object::toString)
                                        .toList()),
                        message.getSubject(),
                        GreenMailUtil.getBody(message)));
            } catch (MessagingException e) {
                all.add(new Mail("", "", "(unreadable message)", String.valueOf(e.getMessage())));
            }
        }
        Collections.reverse(all);
        return all;
    }

    static String html(List<Mail> messages) {
        StringBuilder page = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\">"
                + "<title>Village local mail</title><style>body{font-family:sans-serif;margin:2em}"
                + "td,th{border-bottom:1px solid #ccc;padding:.4em;vertical-align:top;text-align:left}"
                + "pre{white-space:pre-wrap;margin:0}</style></head><body><h1>Mail sent by the local Village stack</h1>"
                + "<p>" + messages.size() + " message(s), newest first. Reload to see new ones.</p><table>"
                + "<tr><th>sent</th><th>to</th><th>subject</th><th>body</th></tr>");
        for (Mail m : messages) {
            page.append("<tr><td>")
                    .append(escape(m.receivedAt()))
                    .append("</td><td>")
                    .append(escape(m.to()))
                    .append("</td><td>")
                    .append(escape(m.subject()))
                    .append("</td><td><pre>")
                    .append(escape(m.body()))
                    .append("</pre></td></tr>");
        }
        return page.append("</table></body></html>").toString();
    }

    static String json(List<Mail> messages) {
        StringBuilder json = new StringBuilder("[");
        for (Mail m : messages) {
            json.append(json.length() > 1 ? "," : "")
                    .append("{\"sentAt\":")
                    .append(quote(m.receivedAt()))
                    .append(",\"to\":")
                    .append(quote(m.to()))
                    .append(",\"subject\":")
                    .append(quote(m.subject()))
                    .append(",\"body\":")
                    .append(quote(m.body()))
                    .append('}');
        }
        return json.append(']').toString();
    }

    private static void respond(HttpExchange exchange, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    static String escape(String text) {
        return text == null
                ? ""
                : text.replace("&", "&amp;")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;")
                        .replace("\"", "&quot;");
    }

    static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : (text == null ? "" : text).toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
