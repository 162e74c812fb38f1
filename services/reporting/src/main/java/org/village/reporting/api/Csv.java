package org.village.reporting.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.village.reporting.domain.Table;

/** RFC 4180 files, safe to open in a spreadsheet, and ZIPs of them. */
final class Csv {

    private Csv() {}

    /** A table as a CSV file: a header line naming the columns, then its rows. */
    static String table(Table table) {
        StringBuilder text = new StringBuilder(line(table.columns()));
        table.rows().forEach(row -> text.append(line(row)));
        return text.toString();
    }

    /**
     * Tables as a ZIP, one CSV each, led by {@code questions.csv} naming the file and question of each; the ZIP's
     * comment says the same in a line.
     */
    static byte[] zip(List<Table> tables, String comment) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            zip.setComment(comment);
            StringBuilder index = new StringBuilder(line(List.of("file", "question")));
            tables.forEach(table -> index.append(line(List.of(table.file(), table.question()))));
            entry(zip, "questions.csv", index.toString());
            for (Table table : tables) {
                entry(zip, table.file(), table(table));
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String line(List<?> values) {
        return values.stream().map(value -> field(String.valueOf(value))).collect(Collectors.joining(",")) + "\r\n";
    }

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
