package io.tidemark.connect.systemtest.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on 127.0.0.1, chosen by the OS. */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * A port that was free a moment ago. Servers keep the port they were given for their whole life,
     * restarts included, so a fault test can stop and start a server at the same address.
     */
    public static int next() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on 127.0.0.1", e);
        }
    }
}
