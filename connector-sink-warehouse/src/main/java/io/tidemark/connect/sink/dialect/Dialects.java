package io.tidemark.connect.sink.dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The dialects on the plugin's class path, found with {@link ServiceLoader}. The loader is the one
 * that loaded {@link Dialect}, i.e. the plugin's own class loader inside a Connect worker, whatever the
 * thread's context class loader is.
 */
public final class Dialects {

    private final List<Dialect> all;

    private Dialects(List<Dialect> all) {
        this.all = List.copyOf(all);
    }

    public static Dialects installed() {
        List<Dialect> found = new ArrayList<>();
        ServiceLoader.load(Dialect.class, Dialect.class.getClassLoader()).forEach(found::add);
        return new Dialects(found);
    }

    /** Names accepted by the {@code dialect} option. */
    public List<String> names() {
        return all.stream().map(Dialect::name).sorted().toList();
    }

    public Optional<Dialect> named(String name) {
        return all.stream().filter(dialect -> dialect.name().equals(name)).findFirst();
    }

    public Optional<Dialect> forUrl(String jdbcUrl) {
        return all.stream().filter(dialect -> dialect.acceptsUrl(jdbcUrl)).findFirst();
    }

    /**
     * The dialect named {@code name}, or when that is empty the one serving {@code jdbcUrl}.
     *
     * @throws IllegalArgumentException naming the dialects that exist
     */
    public Dialect select(String name, String jdbcUrl) {
        if (name != null && !name.isEmpty()) {
            return named(name).orElseThrow(() -> new IllegalArgumentException(
                    "Unknown dialect '" + name + "'. Installed dialects: " + String.join(", ", names()) + "."));
        }
        return forUrl(jdbcUrl == null ? "" : jdbcUrl).orElseThrow(() -> new IllegalArgumentException(
                "No dialect serves this connection URL (expected jdbc:postgresql:, jdbc:duckdb:, ...). Set 'dialect' to one of: "
                        + String.join(", ", names()) + "."));
    }
}
