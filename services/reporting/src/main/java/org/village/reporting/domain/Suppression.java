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
        Groups groups = groups(total, List.of(parts));
        return new Group(groups.total(), groups.breakdowns().get(0));
    }

    /**
     * A total broken down more than one way (cases closed by danger level and by reason): when any breakdown has
     * exactly one hidden part the total is hidden, and then each breakdown with no hidden part has its smallest
     * part hidden too, since its parts would otherwise add up to the hidden total.
     */
    public Groups groups(long total, List<List<Long>> breakdowns) {
        List<List<Cell>> cells = new ArrayList<>();
        boolean protectTotal = false;
        for (List<Long> parts : breakdowns) {
            List<Cell> shown = parts.stream().map(this::cell).toList();
            protectTotal |= shown.stream().filter(Cell::suppressed).count() == 1;
            cells.add(new ArrayList<>(shown));
        }
        Cell sum = cell(total);
        if (protectTotal && !sum.suppressed()) {
            sum = hide(sum);
            for (List<Cell> parts : cells) {
                if (parts.stream().noneMatch(Cell::suppressed)) {
                    hideSmallest(parts);
                }
            }
        }
        return new Groups(sum, cells.stream().map(List::copyOf).toList());
    }

    private void hideSmallest(List<Cell> parts) {
        int smallest = -1;
        for (int i = 0; i < parts.size(); i++) {
            long count = parts.get(i).count();
            if (count > 0 && (smallest < 0 || count < parts.get(smallest).count())) {
                smallest = i;
            }
        }
        if (smallest >= 0) {
            parts.set(smallest, hide(parts.get(smallest)));
        }
    }

    /** A total with its breakdowns, suppressed together. */
    public record Groups(Cell total, List<List<Cell>> breakdowns) {}

    /** A total with its parts, suppressed together. */
    public record Group(Cell total, List<Cell> parts) {}
}
