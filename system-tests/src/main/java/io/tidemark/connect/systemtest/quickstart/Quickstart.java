package io.tidemark.connect.systemtest.quickstart;

import io.tidemark.connect.systemtest.connect.ConnectorPlugin;
import io.tidemark.connect.systemtest.stack.Bundle.DeclaredPlugin;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.StackOptions;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;

/**
 * {@code mvn -q -Pquickstart -DskipTests package}: starts the local stack (PostgreSQL, a Kafka broker,
 * a Connect worker with the freshly built bundle in its plugin.path), shows what the worker offers and
 * where everything is, runs the {@link #DEMO} parts, and keeps running until Ctrl-C, which stops every
 * process it started.
 */
public final class Quickstart {

    /** The demo, in order: the shop, its connectors, a stream of changes, the warehouse. */
    static final List<QuickstartDemo> DEMO = new ShopDemo().parts();

    private Quickstart() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        out.println("Tidemark quickstart: starting PostgreSQL 17, a Kafka broker and a Connect worker "
            + "with the Tidemark bundle in its plugin.path...");
        LocalStack stack = LocalStack.start(StackOptions.defaults());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println();
            out.println("Stopping the Tidemark local stack...");
            stack.close();
            out.println("Stopped. Logs stay in " + stack.dir());
        }, "tidemark-quickstart-shutdown"));

        out.print(stack.report());
        printPlugins(stack, out);
        printAddresses(stack, out);
        runDemo(stack, out);
        out.println();
        out.println("Try: curl " + stack.worker().restUrl() + "/connectors?expand=status");
        out.println("Running. Connect REST API: " + stack.worker().restUrl() + "  (Ctrl-C stops everything)");
        new CountDownLatch(1).await();
    }

    private static void printPlugins(LocalStack stack, PrintStream out) {
        Set<String> bundleClasses = new TreeSet<>();
        for (DeclaredPlugin plugin : stack.bundle().declaredPlugins()) {
            bundleClasses.add(plugin.className());
        }
        List<ConnectorPlugin> listed = stack.connect().connectorPlugins(false);
        out.println();
        out.println("Plugins the worker offers from the bundle (GET /connector-plugins?connectorsOnly=false):");
        listed.stream()
            .filter(plugin -> bundleClasses.contains(plugin.className()))
            .forEach(plugin -> out.printf("  %-16s %s %s%n", plugin.type(), plugin.className(), plugin.version()));
        out.printf("  (and %d plugins of the worker's own classpath)%n",
            listed.stream().filter(plugin -> !bundleClasses.contains(plugin.className())).count());
    }

    private static void printAddresses(LocalStack stack, PrintStream out) {
        out.println();
        out.println("Connect REST API  " + stack.worker().restUrl() + "   e.g. curl " + stack.worker().restUrl()
            + "/connector-plugins");
        out.println("Kafka bootstrap   " + stack.broker().bootstrapServers());
        out.println("PostgreSQL        " + stack.postgres().jdbcUrl() + "  user " + stack.postgres().user()
            + ", password in " + stack.secrets().path());
        out.println("Config examples   " + stack.bundle().etcDir());
        out.println("Logs              " + stack.dir());
    }

    private static void runDemo(LocalStack stack, PrintStream out) throws Exception {
        for (QuickstartDemo part : DEMO) {
            out.println();
            out.println("== " + part.title());
            part.run(stack, out);
        }
    }
}
