package org.parley.it;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.igniterealtime.smack.inttest.Configuration;
import org.igniterealtime.smack.inttest.ConnectionConfigurationBuilderApplier;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework;
import org.jivesoftware.smack.SASLAuthentication;
import org.jivesoftware.smackx.omemo.signal.SignalOmemoService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs Smack's own integration test framework (smack-integration-test) against an in-process Parley, with
 * accounts created through XEP-0133 admin commands. The tally is written to
 * {@code target/smack-integration-tests.txt}. The classes in {@link #REQUIRED} must pass; the rest are the
 * target of later work (MUC, MAM, ...).
 */
class SmackIntegrationTestFrameworkTest {
    private static final Logger log = LoggerFactory.getLogger(SmackIntegrationTestFrameworkTest.class);

    /**
     * Test classes that must pass (simple names): c2s, login, chat, ping, version, ad-hoc commands, low-level roster,
     * and stream management (XEP-0198 resumption). The roster, PEP (tune, mood, geolocation), software info, entity
     * caps and OMEMO tests pass in most runs
     * but are not required: about one run in five, one of them fails because a previous test's clean-up left a
     * subscription stanza in flight (Smack's EntityCapsTest sends 'unsubscribed' without waiting; a client's reject
     * of a request crosses the next request) and the next test trusts its client's not-yet-updated roster
     * (docs/smack-integration-tests.md). Our own PepTest and RosterAndPresence tests cover those features
     * deterministically.
     */
    private static final Set<String> REQUIRED = Set.of("LoginIntegrationTest", "XmppConnectionIntegrationTest",
            "SimpleXmppConnectionIntegrationTest", "IncomingMessageListenerIntegrationTest",
            "OutgoingMessageListenerIntegrationTest", "PingIntegrationTest", "VersionIntegrationTest",
            "AdHocCommandIntegrationTest", "LowLevelRosterIntegrationTest", "StreamManagementTest");

    @Test
    void smacksIntegrationTestsPassForC2sLoginChatAndPing(@TempDir Path dataDir) throws Exception {
        SASLAuthentication.registerSASLMechanism(new ScramSha256Mechanism());
        enableOmemo();
        try (TestServer server = TestServer.h2(dataDir)) {
            Configuration configuration = Configuration.builder()
                    .setService(TestServer.DOMAIN)
                    .setSecurityMode("required")
                    .setAdminAccountUsernameAndPassword("admin", TestServer.ADMIN_PASSWORD)
                    .setReplyTimeout("5000")
                    .setDefaultConnection("tcp")
                    .setEnabledConnections("tcp")
                    .setEnabledTests(System.getProperty("parley.sinttest.enabled"))
                    .setDebugger(System.getProperty("parley.sinttest.debugger"))
                    .build();
            pointAt(configuration, server);

            SmackIntegrationTestFramework.TestRunResult result = new SmackIntegrationTestFramework(configuration).run();

            String report = report(result);
            Files.writeString(Path.of("target", "smack-integration-tests.txt"), report);
            log.warn("Smack integration tests against Parley:\n{}", report);

            Set<String> passedClasses = classes(result.getSuccessfulTests().stream().map(t -> t.concreteTest.toString()).toList());
            Set<String> failedClasses = classes(result.getFailedTests().stream().map(t -> t.concreteTest.toString()).toList());
            assertThat(passedClasses).as("required Smack test classes that passed").containsAll(REQUIRED);
            assertThat(failedClasses).as("required Smack test classes with failures").doesNotContainAnyElementsOf(REQUIRED);
        }
    }

    /**
     * Smack's OMEMO tests (XEP-0384 over our PEP) need an OMEMO client: Smack's Signal implementation, whose AES-GCM
     * comes from Bouncy Castle. The Signal library is GPL-licensed: a test-only dependency, never shipped.
     */
    private static void enableOmemo() {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) Security.addProvider(new BouncyCastleProvider());
        SignalOmemoService.acknowledgeLicense();
        if (!SignalOmemoService.isServiceRegistered()) SignalOmemoService.setup();
    }

    /**
     * The framework reaches the service by its domain on port 5222 and offers no port setting; its connection
     * configuration hook is replaced so it connects to this test server's port and trusts its certificate.
     */
    private static void pointAt(Configuration configuration, TestServer server) throws Exception {
        ConnectionConfigurationBuilderApplier applier = builder -> {
            builder.setXmppDomain(configuration.service);
            builder.setHostAddress(InetAddress.getLoopbackAddress());
            builder.setPort(server.port());
            builder.setCustomX509TrustManager(server.trustManager());
            builder.setSecurityMode(configuration.securityMode);
        };
        Field field = Configuration.class.getDeclaredField("configurationApplier");
        field.setAccessible(true);
        field.set(configuration, applier);
    }

    private static String report(SmackIntegrationTestFramework.TestRunResult result) {
        StringBuilder out = new StringBuilder();
        out.append("passed: ").append(result.getSuccessfulTests().size())
                .append(", failed: ").append(result.getFailedTests().size())
                .append(", not possible: ").append(result.getNotPossibleTests().size())
                .append(", impossible classes: ").append(result.getImpossibleTestClasses().size()).append('\n');
        out.append("\nPASSED\n");
        result.getSuccessfulTests().stream().map(t -> t.concreteTest.toString()).sorted().forEach(t -> out.append("  ").append(t).append('\n'));
        out.append("\nFAILED\n");
        result.getFailedTests().stream().map(f -> f.concreteTest + " -- " + firstLine(f.failureReason))
                .sorted().forEach(t -> out.append("  ").append(t).append('\n'));
        out.append("\nNOT POSSIBLE\n");
        result.getNotPossibleTests().stream().map(t -> t.concreteTest + " -- " + firstLine(t.testNotPossibleException))
                .sorted().forEach(t -> out.append("  ").append(t).append('\n'));
        out.append("\nIMPOSSIBLE CLASSES\n");
        result.getImpossibleTestClasses().forEach((c, why) -> out.append("  ").append(c.getSimpleName()).append(" -- ")
                .append(firstLine(why)).append('\n'));
        return out.toString();
    }

    private static String firstLine(Throwable t) {
        String s = String.valueOf(t);
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Simple class names out of test descriptions such as {@code PingIntegrationTest.pingServer (Normal)}. */
    private static Set<String> classes(List<String> tests) {
        return tests.stream().map(t -> {
            String head = t.split(" ")[0];
            int method = head.lastIndexOf('.');
            String type = method > 0 ? head.substring(0, method) : head;
            return type.substring(type.lastIndexOf('.') + 1);
        }).collect(Collectors.toCollection(TreeSet::new));
    }

}
