package io.tidemark.connect.smt.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.apache.kafka.common.config.ConfigValue;

import io.tidemark.connect.smt.OptionProblem;
import io.tidemark.connect.smt.mask.MaskFields;
import io.tidemark.connect.smt.predicate.FieldExists;
import io.tidemark.connect.smt.predicate.FieldValueMatches;
import io.tidemark.connect.smt.route.TopicRouter;

/**
 * Checks the Tidemark transformations and predicates of a connector configuration the way their {@code configure}
 * would, for the connectors' {@code validate()}.
 *
 * <p>Why the connectors do this: Connect validates a transformation with the {@code ConfigDef} its {@code config()}
 * returns, embedded under {@code transforms.<alias>.}. That ConfigDef is taken from a fresh instance, with fixed
 * option names, and a validator sees one value at a time. MaskFields' rules ({@code rules.<name>.strategy} and the
 * rest) have names the user chooses, and several checks need two options at once (a strategy and its parameters, a
 * template and a regex); neither fits. A connector's {@code validate()} receives the whole configuration, config
 * provider references already resolved, and what it reports counts as errors of {@code PUT /connectors/.../config}
 * and {@code config/validate}. Other connectors do not call this: with them such mistakes surface when a task
 * starts, under the option name {@code transforms.<alias>.<option>}.
 */
public final class TransformChainCheck {

    private static final Map<String, BiFunction<String, Map<String, String>, List<OptionProblem>>> TRANSFORMS = Map.of(
            MaskFields.Value.class.getName(), MaskFields::optionProblems,
            MaskFields.Key.class.getName(), MaskFields::optionProblems,
            TopicRouter.class.getName(), TopicRouter::optionProblems);
    private static final Map<String, BiFunction<String, Map<String, String>, List<OptionProblem>>> PREDICATES = Map.of(
            FieldValueMatches.class.getName(), FieldValueMatches::optionProblems,
            FieldExists.class.getName(), FieldExists::optionProblems);

    private TransformChainCheck() {
    }

    /**
     * One {@link ConfigValue} per option with problems, named in full ({@code transforms.mask.rules.email.strategy}),
     * with no value (it may be a secret); empty when every Tidemark transformation and predicate would configure.
     * Aliases of other plugins, and aliases without a type, are left to Connect's own validation.
     */
    public static List<ConfigValue> problems(Map<String, String> connectorConfig) {
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        check(connectorConfig, "transforms", TRANSFORMS, values);
        check(connectorConfig, "predicates", PREDICATES, values);
        return new ArrayList<>(values.values());
    }

    private static void check(Map<String, String> config, String listOption,
            Map<String, BiFunction<String, Map<String, String>, List<OptionProblem>>> checks,
            Map<String, ConfigValue> values) {
        for (String alias : aliases(config.get(listOption))) {
            String prefix = listOption + "." + alias + ".";
            String type = config.get(prefix + "type");
            BiFunction<String, Map<String, String>, List<OptionProblem>> check = type == null ? null
                    : checks.get(type.trim());
            if (check == null) {
                continue;
            }
            for (OptionProblem problem : check.apply(prefix, config)) {
                values.computeIfAbsent(problem.option(), ConfigValue::new).addErrorMessage(problem.message());
            }
        }
    }

    private static List<String> aliases(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return Arrays.stream(list.split(",")).map(String::trim).filter(alias -> !alias.isEmpty()).distinct().toList();
    }
}
