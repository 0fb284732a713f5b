package io.tidemark.connect.source.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;

/** The error messages of a validate() result, by option, as the REST API shows them. */
public final class ValidationErrors {

    private ValidationErrors() {
    }

    public static Map<String, List<String>> of(Config config) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (ConfigValue value : config.configValues()) {
            if (!value.errorMessages().isEmpty()) {
                errors.put(value.name(), value.errorMessages());
            }
        }
        return errors;
    }
}
