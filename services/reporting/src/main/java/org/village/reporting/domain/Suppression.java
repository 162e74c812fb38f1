package org.village.reporting.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Small-number suppression: a count from 1 to {@code threshold - 1} is never shown ("&lt;5"), and a total is hidden
 * too ("*") when exactly one of its parts is hidden, since total minus the shown parts would give that part away.
 * Zero is shown: it points at nobody.
 */
public record Suppression(int threshold) {

    public Suppression {
        if (threshold < 1) {
            throw new IllegalArgumentException("the suppression threshold must be at least 1");
        }
    }

    /** What a hidden count shows: "&lt;5" for the usual threshold of 5. */
    public String mark() {
        return "<" + threshold;
    }

    /** A count, hidden when it is small. */
    public Cell cell(long count) {
        Cell cell = Cell.of(count);
        return count > 0 && count < threshold ? cell.suppress(mark()) : cell;
    }

    /**
     * What a figure shows when it is hidden only to protect a small count elsewhere (a total, or a figure computed
     * from a hidden count): it is not itself small.
     */
    public static final String PROTECTING = "*";

    /** A cell hidden to protect another. */
    Cell hide(Cell cell) {
        return cell.suppressed() ? cell : cell.suppress(PROTECTING);
    }

    /**
     * A total and the parts that add up to it, each hidden when small; the total hidden as well when exactly one
     * part is hidden (complementary suppression), so that no hidden part is the difference of shown figures.
     */
    public Group group(long total, List<Long> parts) {
        List<Cell> cells = new ArrayList<>();
        int hidden = 0;
        for (long part : parts) {
            Cell cell = cell(part);
            hidden += cell.suppressed() ? 1 : 0;
            cells.add(cell);
        }
        Cell sum = cell(total);
        if (hidden == 1) {
            sum = hide(sum);
        }
        return new Group(sum, List.copyOf(cells));
    }

    /** A total with its parts, suppressed together. */
    public record Group(Cell total, List<Cell> parts) {}
}
