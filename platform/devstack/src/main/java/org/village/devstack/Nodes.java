package org.village.devstack;

import java.io.IOException;

/** How the stack's own nodes (MongoDB, mail) start: one that cannot start ends at once, so its starter sees it. */
final class Nodes {

    private Nodes() {}

    /** What a node does with its arguments until it is stopped. */
    interface Node {
        void serve(String[] args) throws IOException, InterruptedException;
    }

    /**
     * Runs {@code node}; if it cannot start (a port in use, most often), the process ends with 1 rather than
     * staying up with the threads it started, looking alive and serving nothing.
     */
    static void run(Node node, String[] args) throws InterruptedException {
        try {
            node.serve(args);
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not start: " + e);
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }
}
