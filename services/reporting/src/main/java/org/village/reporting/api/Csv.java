package org.village.reporting.api;

/** RFC 4180 fields, safe to open in a spreadsheet. */
final class Csv {

    private Csv() {}

    /**
     * One field: quoted when it holds a comma, quote or line break, and a leading =, +, - or @ (which a spreadsheet
     * would run as a formula) neutralised with a quote mark — except for a plain negative number.
     */
    static String field(String value) {
        String safe = value;
        if (!safe.isEmpty() && "=+-@".indexOf(safe.charAt(0)) >= 0 && !safe.matches("-\\d+(\\.\\d+)?")) {
            safe = "'" + safe;
        }
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
