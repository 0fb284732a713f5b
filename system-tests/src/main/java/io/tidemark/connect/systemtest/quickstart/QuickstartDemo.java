package io.tidemark.connect.systemtest.quickstart;

import io.tidemark.connect.systemtest.stack.LocalStack;
import java.io.PrintStream;

/**
 * One part of the quickstart's demo, run in order once the stack is up: e.g. create the demo schema
 * with a little data, register the connectors from the bundle's config examples, drive a stream of
 * inserts/updates/deletes and print the warehouse table.
 *
 * <p>This is the seam where the demo plugs in: implement it and add the instance to
 * {@link Quickstart#DEMO}. A part must return once its work is done (the quickstart keeps the stack
 * running afterwards) and print what a newcomer should see.
 */
public interface QuickstartDemo {

    /** A few words shown before the part runs. */
    String title();

    void run(LocalStack stack, PrintStream out) throws Exception;
}
