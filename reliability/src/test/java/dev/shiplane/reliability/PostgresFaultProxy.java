package dev.shiplane.reliability;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy in front of the machine's PostgreSQL that can break the connection at the Nth statement the
 * function sends, as the emulator gateway fails the Nth AWS call. It reads PostgreSQL's frontend protocol (after the
 * untyped startup messages, each message is a type byte and a length): a statement ends with a {@code Sync} (the
 * extended protocol pgjdbc speaks) or is one {@code Query} message. The server's answers are passed through unread.
 * Only the connections the rotation function makes come through here (the secrets name the proxy's port); the
 * test's own checks connect to the server directly.
 */
final class PostgresFaultProxy implements AutoCloseable {

    /** What happens to the Nth statement's connection. */
    enum DbFault {
        /** The connection breaks before the statement reaches the server: nothing of it happens. */
        LOST_BEFORE,
        /**
         * The statement reaches the server and is carried out (autocommit), then the connection breaks before its
         * answer arrives: the function cannot tell whether it happened.
         */
        ANSWER_LOST
    }

    private static final int SSL_REQUEST = 80877103;
    private static final int GSSENC_REQUEST = 80877104;
    private static final int CANCEL_REQUEST = 80877102;

    private final String upstreamHost;
    private final int upstreamPort;
    private final ServerSocket listener;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final List<String> statements = new ArrayList<>();
    private int faultAt = -1;
    private DbFault fault;
    private String faulted;

    PostgresFaultProxy(String upstreamHost, int upstreamPort) {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("pg-proxy-accept").start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Counts from zero again, with the fault (if any) at statement {@code n} (1-based). */
    synchronized void arm(int n, DbFault kind) {
        statements.clear();
        faultAt = n;
        fault = kind;
        faulted = null;
    }

    synchronized void disarm() {
        faultAt = -1;
    }

    synchronized int count() {
        return statements.size();
    }

    /** The statements seen, by their first message types (e.g. {@code P/B/D/E/S}). */
    synchronized List<String> statements() {
        return List.copyOf(statements);
    }

    /** The faulted statement, or null if the run ended before it. */
    synchronized String faulted() {
        return faulted;
    }

    /** @return the fault for the statement this {@code Sync}/{@code Query} ends, or null */
    private synchronized DbFault onStatement(String shape) {
        statements.add(shape);
        if (faultAt > 0 && statements.size() == faultAt) {
            faulted = fault + " at statement " + faultAt + " (" + shape + ")";
            return fault;
        }
        return null;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                var client = listener.accept();
                var server = new Socket(upstreamHost, upstreamPort);
                open.add(client);
                open.add(server);
                Thread.ofVirtual().start(() -> pump(client, server));
                Thread.ofVirtual().start(() -> frontend(client, server));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void frontend(Socket client, Socket server) {
        try (client; server) {
            var in = new DataInputStream(client.getInputStream());
            var out = server.getOutputStream();
            // untyped startup messages: SSL/GSS requests (answered by the server with one byte), then the startup
            for (boolean started = false; !started; ) {
                int length = in.readInt();
                var body = in.readNBytes(length - 4);
                int code = length >= 8 ? java.nio.ByteBuffer.wrap(body, 0, 4).getInt() : 0;
                writeUntyped(out, length, body);
                if (code == CANCEL_REQUEST) return;
                started = code != SSL_REQUEST && code != GSSENC_REQUEST;
            }
            var shape = new StringBuilder();
            while (true) {
                int type = in.read();
                if (type < 0) return;
                int length = in.readInt();
                var body = in.readNBytes(length - 4);
                if (type != 'S' && type != 'Q') {
                    if (type != 'p' && type != 'X') shape.append((char) type).append('/');
                    writeTyped(out, type, length, body);
                    continue;
                }
                shape.append((char) type);
                var statementFault = onStatement(shape.toString());
                shape.setLength(0);
                if (statementFault == DbFault.LOST_BEFORE) return;
                if (statementFault == DbFault.ANSWER_LOST) {
                    // the server answers once the statement is carried out (it flushes its replies at Sync); its
                    // first byte back is the signal to cut the client off without passing the answer on
                    var answered = new java.util.concurrent.CountDownLatch(1);
                    waiting.put(server, answered);
                    writeTyped(out, type, length, body);
                    await(answered);
                    return;
                }
                writeTyped(out, type, length, body);
            }
        } catch (IOException closed) {
            // either side went away
        } finally {
            open.remove(client);
            open.remove(server);
        }
    }

    /** Opened by {@link #pump} at the server's first bytes after a statement whose answer is to be lost. */
    private final java.util.Map<Socket, java.util.concurrent.CountDownLatch> waiting =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pump(Socket client, Socket server) {
        try (client; server) {
            var from = server.getInputStream();
            var out = client.getOutputStream();
            var buffer = new byte[8192];
            for (int n; (n = from.read(buffer)) >= 0; ) {
                var latch = waiting.remove(server);
                if (latch != null) {
                    latch.countDown();
                    return;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException closed) {
            // either side went away
        } finally {
            var latch = waiting.remove(server);
            if (latch != null) latch.countDown();
        }
    }

    private static void writeUntyped(OutputStream out, int length, byte[] body) throws IOException {
        out.write(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
        out.write(body);
        out.flush();
    }

    private static void writeTyped(OutputStream out, int type, int length, byte[] body) throws IOException {
        out.write(type);
        writeUntyped(out, length, body);
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (var socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
