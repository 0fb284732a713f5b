package io.tidemark.connect.systemtest.connect;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code PUT /connector-plugins/{class}/config/validate}: every option with its errors. */
public record ConfigValidation(String name, @JsonProperty("error_count") int errorCount, List<String> groups,
                               List<Config> configs) {

    public record Config(Definition definition, Value value) {
    }

    public record Definition(String name, String type, boolean required,
                             @JsonProperty("default_value") String defaultValue, String importance,
                             String documentation, String group) {
    }

    public record Value(String name, String value, @JsonProperty("recommended_values") List<String> recommendedValues,
                        List<String> errors, boolean visible) {
    }

    /** Option name to its error messages, for the options that have any. */
    public Map<String, List<String>> errors() {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (Config config : configs) {
            if (config.value() != null && config.value().errors() != null && !config.value().errors().isEmpty()) {
                errors.put(config.value().name(), config.value().errors());
            }
        }
        return errors;
    }
}
