package org.parley.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal XMPP client on a plain TCP socket for load runs (RFC 6120 §4 stream, §6 SASL PLAIN, §7 bind; XEP-0045
 * §7.2 entry): it writes fixed XML and, once in the room, only scans what it reads for the load's message bodies,
 * so the measuring machine spends its time in the server, not in client XML parsing. Not for anything but loopback.
 */
final class LoadClient implements AutoCloseable {
    /** Every load message body starts with this, then the sender's {@link System#nanoTime()}. */
    static final String MARK = "<body>load ";
    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' to='%s' version='1.0'>";
    private static final long WAIT_MILLIS = 30_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String domain;
    private final StringBuilder text = new StringBuilder();
    private final AtomicInteger received = new AtomicInteger();
    private long[] latencies = new long[0];

    private LoadClient(Socket socket, String domain) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.domain = domain;
        socket.setTcpNoDelay(true);
    }

    /** Connects to {@code port} on loopback, authenticates with PLAIN and binds the resource {@code load}. */
    static LoadClient login(int port, String domain, String username, String password) throws IOException {
        LoadClient c = new LoadClient(new Socket(InetAddress.getLoopbackAddress(), port), domain);
        c.send(HEADER.formatted(domain)).await("</stream:features>");
        String auth = Base64.getEncoder().encodeToString(("\0" + username + "\0" + password).getBytes(StandardCharsets.UTF_8));
        c.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + auth + "</auth>").await("<success");
        c.send(HEADER.formatted(domain)).await("</stream:features>");
        c.send("<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>load</resource></bind></iq>")
                .await("</iq>");
        return c;
    }

    /** XEP-0045 §7.2 without history; returns once the room sent the client's own presence (status 110). */
    LoadClient join(String room, String nick) throws IOException {
        return send("<presence to='" + room + "/" + nick + "'><x xmlns='http://jabber.org/protocol/muc'>"
                + "<history maxstanzas='0'/></x></presence>").await("code='110'");
    }

    /** §10.1.2: accepts the instant room the client just created. */
    LoadClient unlock(String room) throws IOException {
        return send("<iq type='set' id='unlock' to='" + room + "'><query xmlns='http://jabber.org/protocol/muc#owner'>"
                + "<x xmlns='jabber:x:data' type='submit'/></query></iq>").await("id='unlock'");
    }

    /** One groupchat message whose body carries the send time, for the latency. */
    void groupchat(String room, int n) throws IOException {
        send("<message to='" + room + "' type='groupchat' id='m" + n + "'>" + MARK + System.nanoTime() + "</body></message>");
    }

    LoadClient send(String xml) throws IOException {
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    /** Reads until what came since the last wait contains {@code marker}. */
    private LoadClient await(String marker) throws IOException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        socket.setSoTimeout(1000);
        byte[] buffer = new byte[8192];
        while (text.indexOf(marker) < 0) {
            if (System.currentTimeMillis() > deadline) throw new IOException("no " + marker + " in " + text);
            try {
                int n = in.read(buffer);
                if (n < 0) throw new IOException("closed by the server while waiting for " + marker + ": " + text);
                text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            } catch (SocketTimeoutException e) {
                // keep waiting until the deadline
            }
        }
        text.delete(0, text.indexOf(marker) + marker.length());
        return this;
    }

    /**
     * Counts load messages until {@code expected} arrived or the socket closes, noting each one's latency. Runs on its
     * own thread; the count is readable from any thread.
     */
    void countUntil(int expected) {
        latencies = new long[expected];
        byte[] buffer = new byte[64 * 1024];
        // Only ASCII is scanned: ISO-8859-1 maps bytes 1:1, so a mark split across reads is found in the carry.
        StringBuilder carry = new StringBuilder(text);
        try {
            socket.setSoTimeout(0);
            while (received.get() < expected) {
                int n = in.read(buffer);
                if (n < 0) return;
                long now = System.nanoTime();
                carry.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                int from = 0;
                int keep = -1;
                for (int at = carry.indexOf(MARK); at >= 0; at = carry.indexOf(MARK, from)) {
                    int start = at + MARK.length();
                    int end = carry.indexOf("<", start);
                    if (end < 0) {
                        keep = at; // the rest of this body comes with the next read
                        break;
                    }
                    int i = received.get();
                    if (i < expected) latencies[i] = now - Long.parseLong(carry, start, end, 10);
                    received.incrementAndGet();
                    from = end;
                }
                carry.delete(0, keep >= 0 ? keep : Math.max(from, carry.length() - MARK.length()));
            }
        } catch (IOException e) {
            // the run ends by closing the socket
        }
    }

    int received() {
        return received.get();
    }

    /** Latencies in nanoseconds of the messages counted so far. */
    long[] latencies() {
        return java.util.Arrays.copyOf(latencies, Math.min(received(), latencies.length));
    }

    @Override
    public void close() {
        try {
            send("</stream:stream>");
        } catch (IOException ignored) {
            // already closed
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
