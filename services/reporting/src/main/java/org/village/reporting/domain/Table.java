package org.village.reporting.domain;

import java.util.List;

/** One table of a report: a file name for its CSV, the question it answers, its columns and its rows as shown. */
public record Table(String file, String question, List<String> columns, List<List<Object>> rows) {

    public Table {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
