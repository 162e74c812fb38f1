package org.village.security;

import java.nio.charset.StandardCharsets;

/** Writes the RFC 9457 problem bodies of refused requests, in the format the rest of Village answers with. */
public final class ProblemWriter {

    public static final String MEDIA_TYPE = "application/problem+json";

    private ProblemWriter() {}

    public static byte[] body(int status, String type, String title, String detail) {
        String json = "{\"type\":\"" + type + "\",\"title\":\"" + escape(title) + "\",\"status\":" + status
                + ",\"detail\":\"" + escape(detail) + "\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
