package io.tidemark.connect.systemtest.process;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * The main class of every child JVM the harness starts: it halts the child as soon as the JVM that
 * started it is gone, then runs the real main class.
 *
 * <p>Shutdown hooks in the test JVM stop the children on a normal exit, but not when that JVM is
 * killed (kill -9, a Surefire fork timeout, an IDE stop button). Without this watchdog a broker or
 * worker would then keep its ports and directories forever. It checks the child's own parent
 * process id rather than a pid passed around, so pid reuse cannot fool it.
 *
 * <p>This class is copied alone onto the child classpath (see {@link ChildJvm}), so it must stay a
 * single class file: no nested or anonymous classes.
 *
 * <p>Usage: {@code ParentWatchdog <expected parent pid> <main class> [args...]}.
 */
public final class ParentWatchdog {

    private static final long CHECK_INTERVAL_MS = 500;
    private static final int EXIT_CODE_PARENT_GONE = 143;

    private ParentWatchdog() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: ParentWatchdog <parent pid> <main class> [args...]");
        }
        long parentPid = Long.parseLong(args[0]);
        Thread watchdog = new Thread(() -> watch(parentPid), "tidemark-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }

    private static void watch(long parentPid) {
        while (true) {
            long actualParent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
            if (actualParent != parentPid) {
                System.err.println("tidemark watchdog: parent process " + parentPid
                    + " is gone, halting this child JVM");
                // halt, not exit: a graceful shutdown of a broker whose test JVM died can hang.
                Runtime.getRuntime().halt(EXIT_CODE_PARENT_GONE);
            }
            try {
                Thread.sleep(CHECK_INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
