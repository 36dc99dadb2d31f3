package org.parley.it;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A raw XMPP client over a real socket for sending what well-behaved libraries never send: it writes exact
 * bytes and reads what the server answers, with STARTTLS and SASL PLAIN done by hand.
 */
final class RawClient implements AutoCloseable {
    static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' to='localhost' version='1.0'>";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final StringBuilder received = new StringBuilder();
    private int consumed;
    private boolean closedByServer;

    private RawClient(Socket socket) throws IOException {
        use(socket);
    }

    /** A plain TCP connection to the STARTTLS port. */
    static RawClient connect(int port) throws IOException {
        return new RawClient(new Socket(InetAddress.getLoopbackAddress(), port));
    }

    /** A direct TLS connection (XEP-0368). */
    static RawClient connectTls(int port, SSLContext tls) throws IOException {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
        socket.startHandshake();
        return new RawClient(socket);
    }

    private void use(Socket s) throws IOException {
        socket = s;
        socket.setSoTimeout(100);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Writes {@code xml} as UTF-8; a write refused because the server closed the connection is ignored. */
    RawClient send(String xml) {
        return send(xml.getBytes(StandardCharsets.UTF_8));
    }

    RawClient send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            closedByServer = true;
        }
        return this;
    }

    /**
     * Reads until the text received since the last call contains {@code fragment}.
     *
     * @return everything received since the last call, up to and including the fragment's end
     * @throws AssertionError if it does not arrive within 10 s or the connection closes first
     */
    String await(String fragment) throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            int at = received.indexOf(fragment, consumed);
            if (at >= 0) {
                String chunk = received.substring(consumed, at + fragment.length());
                consumed = at + fragment.length();
                return chunk;
            }
            if (closedByServer || System.nanoTime() > deadline) {
                throw new AssertionError("expected '" + fragment + "' but received: " + received.substring(consumed)
                        + (closedByServer ? " (connection closed)" : " (timeout)"));
            }
            readSome();
        }
    }

    /** Waits until the server closes the connection; returns everything not yet consumed. */
    String awaitClose() throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!closedByServer) {
            if (System.nanoTime() > deadline) throw new AssertionError("connection still open; received: " + received.substring(consumed));
            readSome();
        }
        String rest = received.substring(consumed);
        consumed = received.length();
        return rest;
    }

    private void readSome() throws IOException {
        byte[] buffer = new byte[8192];
        try {
            int n = in.read(buffer);
            if (n < 0) closedByServer = true;
            else received.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        } catch (SocketTimeoutException e) {
            // nothing yet
        } catch (IOException e) {
            closedByServer = true;
        }
    }

    /** Opens the stream and reads the features. */
    String open() throws IOException {
        send(HEADER);
        return await("</stream:features>");
    }

    /** STARTTLS (RFC 6120 §5.4) on this connection, then a new stream; returns the new features. */
    String startTls(SSLContext tls) throws IOException {
        send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        await("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
        secured.setUseClientMode(true);
        secured.startHandshake();
        use(secured);
        return open();
    }

    /** Connects, secures, authenticates with PLAIN and binds {@code resource}. */
    static RawClient loggedIn(TestServer server, String user, String password, String resource) throws Exception {
        RawClient client = connect(server.port());
        client.open();
        client.startTls(server.sslContext());
        String plain = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        client.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + plain + "</auth>");
        client.await("<success");
        client.open();
        client.send("<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>" + resource
                + "</resource></bind></iq>");
        client.await("</iq>");
        return client;
    }

    boolean isClosedByServer() {
        return closedByServer;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
