package org.parley.bench;

import org.parley.server.ParleyServer;
import org.parley.server.config.ParleyConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * End-to-end group chat fan-out load (XEP-0045 §7.4): starts a real Parley server in this JVM (H2 in a temporary
 * directory, c2s on a free loopback port, STARTTLS optional so clients use plain sockets), connects {@code --clients}
 * raw clients ({@link LoadClient}: SASL PLAIN, bind), all join one room, then {@code --senders} of them send
 * {@code --messages} groupchat messages in all. Every occupant, senders included, gets every message, so the
 * deliveries are messages × clients; the figure is deliveries per second from the first send to the last receipt,
 * with latency percentiles (send to receipt, same clock). Bounded: it gives up after {@code --timeout} seconds.
 *
 * <pre>java -cp xmpp-bench/target/benchmarks.jar org.parley.bench.MucFanOutLoad --clients 100 --messages 2000</pre>
 *
 * Options: {@code --clients N} (100), {@code --messages N} (2000), {@code --senders N} (1), {@code --rate N} messages
 * per second in all, 0 = as fast as the server takes them (0), {@code --timeout S} (120).
 */
public final class MucFanOutLoad {
    private static final String DOMAIN = "localhost";
    private static final String ROOM = "load@conference." + DOMAIN;
    private static final String PASSWORD = "load-password-1";

    private MucFanOutLoad() {
    }

    /** Runs the load with the options above and prints the figures; exits when done or timed out. */
    public static void main(String[] args) throws Exception {
        int clients = option(args, "--clients", 100);
        int messages = option(args, "--messages", 2000);
        int senders = Math.min(clients, option(args, "--senders", 1));
        int rate = option(args, "--rate", 0);
        int timeout = option(args, "--timeout", 120);
        Path dataDir = Files.createTempDirectory("parley-load");
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        List<LoadClient> connected = new ArrayList<>();
        try (ParleyServer server = ParleyServer.start(config(dataDir, clients))) {
            for (int i = 0; i < clients; i++) server.accounts().create("load" + i, PASSWORD);
            int port = server.c2sPort();
            // The first client creates and unlocks the room (§10.1.2); the others log in and enter in parallel.
            connected.add(LoadClient.login(port, DOMAIN, "load0", PASSWORD).join(ROOM, "n0").unlock(ROOM));
            List<Future<LoadClient>> joining = new ArrayList<>();
            for (int i = 1; i < clients; i++) {
                int n = i;
                joining.add(threads.submit(() -> LoadClient.login(port, DOMAIN, "load" + n, PASSWORD).join(ROOM, "n" + n)));
            }
            for (Future<LoadClient> f : joining) connected.add(f.get(60, TimeUnit.SECONDS));
            System.out.printf("%d clients in %s; sending %d messages from %d sender(s)%n", clients, ROOM, messages, senders);

            List<Future<?>> counting = new ArrayList<>();
            for (LoadClient c : connected) counting.add(threads.submit(() -> c.countUntil(messages)));
            long start = System.nanoTime();
            List<Future<?>> sending = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                LoadClient sender = connected.get(s);
                int first = s;
                sending.add(threads.submit(() -> send(sender, first, senders, messages, rate, start)));
            }
            long deadline = start + TimeUnit.SECONDS.toNanos(timeout);
            for (Future<?> f : counting) {
                long left = deadline - System.nanoTime();
                if (left <= 0) break;
                try {
                    f.get(left, TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    break;
                }
            }
            long end = System.nanoTime();
            for (Future<?> f : sending) f.cancel(true);
            report(connected, (long) messages * clients, end - start);
        } finally {
            connected.forEach(LoadClient::close);
            threads.shutdownNow();
            deleteRecursively(dataDir);
        }
    }

    /** Sender {@code first} of {@code senders} sends every {@code senders}-th message, paced if {@code rate} > 0. */
    private static Void send(LoadClient sender, int first, int senders, int messages, int rate, long start) throws IOException {
        for (int n = first; n < messages; n += senders) {
            if (rate > 0) {
                long due = start + n * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) LockSupport.parkNanos(wait);
            }
            sender.groupchat(ROOM, n);
        }
        return null;
    }

    private static void report(List<LoadClient> clients, long expected, long nanos) {
        long received = clients.stream().mapToLong(LoadClient::received).sum();
        long[] all = clients.stream().flatMapToLong(c -> Arrays.stream(c.latencies())).sorted().toArray();
        double seconds = nanos / 1e9;
        System.out.printf(Locale.ROOT, "deliveries: %d of %d in %.2f s = %.0f deliveries/s%n", received, expected,
                seconds, received / seconds);
        if (all.length > 0) {
            System.out.printf(Locale.ROOT, "latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n", percentile(all, 50),
                    percentile(all, 90), percentile(all, 99), all[all.length - 1] / 1e6);
        }
        if (received < expected) System.out.println("INCOMPLETE: the run timed out before every delivery arrived");
    }

    private static double percentile(long[] sorted, int p) {
        return sorted[(int) Math.min(sorted.length - 1, (long) sorted.length * p / 100)] / 1e6;
    }

    /** Defaults, with plain c2s on a free loopback port and room for every client in the room. */
    private static ParleyConfig config(Path dataDir, int clients) {
        ParleyConfig d = ParleyConfig.defaults();
        ParleyConfig.Muc muc = d.muc();
        return new ParleyConfig(DOMAIN, dataDir.toString(), d.admins(), d.admin(), d.registration(),
                new ParleyConfig.C2s("127.0.0.1", 0, 0, false), d.tls(),
                new ParleyConfig.DatabaseConfig("", "", "", 4), d.limits(), d.keepalive(), d.sasl(), d.offline(),
                d.streamManagement(), d.archive(),
                new ParleyConfig.Muc(true, muc.subdomain(), Math.max(muc.maxMembers(), clients),
                        Math.max(muc.maxUsers(), clients), muc.historySize()));
    }

    private static int option(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) return Integer.parseInt(args[i + 1]);
        }
        return fallback;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
