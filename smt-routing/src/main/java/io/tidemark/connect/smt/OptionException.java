package io.tidemark.connect.smt;

import org.apache.kafka.common.config.ConfigException;

/**
 * A configuration mistake that involves more than one option (a strategy and its parameters, a template and a regex),
 * attributed to the option the user has to change, so that validation can report it under that option's full name.
 */
public final class OptionException extends ConfigException {

    private static final long serialVersionUID = 1L;

    private final String option;

    /** Kafka's own wording: "Invalid value {value} for configuration {option}: {message}". */
    public OptionException(String option, Object value, String message) {
        super(option, value, message);
        this.option = option;
    }

    /** For messages that must not repeat the value (secrets) or read better on their own; they name the option. */
    public OptionException(String option, String message) {
        super(message);
        this.option = option;
    }

    /** The option's name, with the same prefix the configuration was read with. */
    public String option() {
        return option;
    }
}
