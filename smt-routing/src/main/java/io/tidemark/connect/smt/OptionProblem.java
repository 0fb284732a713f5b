package io.tidemark.connect.smt;

/**
 * A mistake in a plugin's configuration that would fail it when a task configures it.
 *
 * @param option  the option to change, under its full name
 * @param message what is wrong and what to do; never the value of a secret
 */
public record OptionProblem(String option, String message) {
}
