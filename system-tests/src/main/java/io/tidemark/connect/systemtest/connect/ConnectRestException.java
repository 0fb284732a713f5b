package io.tidemark.connect.systemtest.connect;

/** A Connect REST call answered with an error status; the message carries the worker's error body. */
public final class ConnectRestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String body;

    public ConnectRestException(String request, int status, String body) {
        super(request + " -> HTTP " + status + ": " + body);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }
}
