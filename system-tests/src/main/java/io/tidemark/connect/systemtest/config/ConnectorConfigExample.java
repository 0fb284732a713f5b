package io.tidemark.connect.systemtest.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One {@code etc/*.json} file of the bundle: the body of {@code POST /connectors}.
 *
 * <p>Tests use the example as users get it and may change only <em>environment</em> keys (where the
 * servers are, who logs in, file paths) and <em>isolation</em> keys (names that must be unique per
 * test: topic prefix, topics, slot and publication names). Anything else would test a config no user
 * has, so {@link #withOverrides(Map)} refuses it.
 */
public record ConnectorConfigExample(String file, String name, Map<String, String> config) {

    /** Key names (or their last dotted parts) that describe the environment or isolate a test. */
    private static final Pattern OVERRIDABLE = Pattern.compile(
        "(^|.*[.])(host|hostname|hosts|port|user|username|password|url|uri|dbname|database|account|warehouse|role"
            + "|path|file|dir|directory|bootstrap[.]servers|servers|private[.]key[.a-z]*"
            + "|topic[.]prefix|topics|topics[.]regex|slot[.]name|publication[.]name|table[.]include[.]list"
            + "|schema[.]include[.]list|dlq[.]topic[.]name)$");

    public ConnectorConfigExample {
        config = Map.copyOf(config);
    }

    public String connectorClass() {
        String connectorClass = config.get("connector.class");
        if (connectorClass == null) {
            throw new IllegalStateException(file + " has no config.connector.class");
        }
        return connectorClass;
    }

    /**
     * The config as the worker stores it: {@code POST /connectors} adds {@code name} to it, and
     * {@code PUT /connector-plugins/{class}/config/validate} requires it.
     */
    public Map<String, String> configWithName() {
        Map<String, String> withName = new LinkedHashMap<>(config);
        withName.putIfAbsent("name", name);
        return withName;
    }

    /** The same config under another connector name (isolation). */
    public ConnectorConfigExample withName(String newName) {
        return new ConnectorConfigExample(file, newName, config);
    }

    /**
     * The config with environment/isolation keys replaced or added.
     *
     * @throws IllegalArgumentException naming the first key that is not an environment or isolation key
     */
    public ConnectorConfigExample withOverrides(Map<String, String> overrides) {
        Map<String, String> changed = new LinkedHashMap<>(config);
        for (Map.Entry<String, String> override : overrides.entrySet()) {
            if (!isOverridable(override.getKey())) {
                throw new IllegalArgumentException("Refusing to override '" + override.getKey() + "' of " + file
                    + ": tests change only environment keys (hosts, ports, users, passwords, URLs, paths) and "
                    + "isolation names (topic prefix, topics, slot, publication, DLQ topic)");
            }
            changed.put(override.getKey(), override.getValue());
        }
        return new ConnectorConfigExample(file, name, changed);
    }

    public static boolean isOverridable(String key) {
        return OVERRIDABLE.matcher(key).matches();
    }
}
