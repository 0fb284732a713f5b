package io.tidemark.connect.systemtest.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs contenders alternately, A B A B ..., for a number of rounds, so a slow phase of a shared machine hurts
 * every contender alike rather than the one that happened to run then. Prints each run as it ends.
 */
public final class Rounds {

    private Rounds() {
    }

    public static List<Sample> alternate(int rounds, List<? extends Contender> contenders, String unit, PrintStream log)
        throws Exception {
        List<Sample> samples = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (Contender contender : contenders) {
                Sample sample = contender.run(round);
                samples.add(sample);
                log.println(String.format(Locale.ROOT, "  round %d  %-44s %14s %s%s%s  load %s", round, contender.name(),
                    ResultTable.format(sample.value()), unit,
                    sample.hasLatency() ? "  p50 " + ResultTable.format(sample.p50Ms()) + " ms  p99 "
                        + ResultTable.format(sample.p99Ms()) + " ms" : "",
                    sample.correct() == null ? "" : sample.correct() ? "  correct" : "  WRONG RESULT",
                    sample.load()));
            }
        }
        return samples;
    }
}
