package org.parley.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ConfigLoader}: the file's keys over the defaults, {@code PARLEY_...} environment variables over both, and
 * every unknown key, wrong type or invalid value reported with the key's dotted name (DESIGN.md, "Configuration").
 */
class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader();

    @TempDir
    Path dir;

    @Test
    void noFileAndNoEnvironmentGivesTheDefaults() {
        assertThat(loader.load(null, Map.of())).isEqualTo(ParleyConfig.defaults());
        assertThat(loader.load(dir.resolve("absent.yml"), Map.of())).isEqualTo(ParleyConfig.defaults());
    }

    @Test
    void theShippedParleyYmlLoadsAndEqualsTheCodeDefaults() {
        // The documented file must never drift from ParleyConfig.defaults(): it says "the values below are the defaults".
        Path shipped = Path.of("..", "conf", "parley.yml");
        assertThat(shipped).exists();

        assertThat(loader.load(shipped, Map.of())).isEqualTo(ParleyConfig.defaults());
    }

    @Test
    void fileKeysOverrideTheirDefaultsAndLeaveTheOthers() throws IOException {
        Path file = write("""
                domain: example.org
                c2s:
                  port: 15222
                  starttls_required: false
                sasl:
                  mechanisms: [SCRAM-SHA-256, PLAIN]
                """);

        ParleyConfig config = loader.load(file, Map.of());

        ParleyConfig defaults = ParleyConfig.defaults();
        assertThat(config.domain()).isEqualTo("example.org");
        assertThat(config.c2s().port()).isEqualTo(15222);
        assertThat(config.c2s().starttlsRequired()).isFalse();
        assertThat(config.c2s().directTlsPort()).isEqualTo(defaults.c2s().directTlsPort());
        assertThat(config.c2s().bindAddress()).isEqualTo(defaults.c2s().bindAddress());
        assertThat(config.sasl().mechanisms()).containsExactly("SCRAM-SHA-256", "PLAIN");
        assertThat(config.sasl().scramIterations()).isEqualTo(defaults.sasl().scramIterations());
        assertThat(config.database()).isEqualTo(defaults.database());
        assertThat(config.admins()).isEqualTo(defaults.admins());
    }

    @Test
    void anEmptyFileGivesTheDefaults() throws IOException {
        assertThat(loader.load(write(""), Map.of())).isEqualTo(ParleyConfig.defaults());
    }

    @Test
    void unknownTopLevelKeyIsAnErrorNamingIt() throws IOException {
        Path file = write("domian: example.org\n");

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'domian'");
    }

    @Test
    void unknownNestedKeyIsAnErrorNamingItsDottedPath() throws IOException {
        Path file = write("""
                c2s:
                  prot: 5222
                """);

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'c2s.prot'");
    }

    @Test
    void aScalarWhereAMappingBelongsIsAnErrorNamingTheKey() throws IOException {
        Path file = write("c2s: 5222\n");

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'c2s'");
    }

    @Test
    void wrongTypeIsAnErrorNamingTheKey() throws IOException {
        Path file = write("""
                c2s:
                  port: not-a-number
                """);

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'c2s.port'");
    }

    @Test
    void wrongTypeOfASnakeCaseKeyIsAnErrorNamingTheKeyAsWritten() throws IOException {
        Path file = write("""
                sasl:
                  scram_iterations: [1, 2]
                """);

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'sasl.scram_iterations'");
    }

    @Test
    void malformedYamlIsAConfigException() throws IOException {
        Path file = write("c2s: [unclosed\n");

        assertThatThrownBy(() -> loader.load(file, Map.of())).isInstanceOf(ConfigException.class);
    }

    // ---- environment overrides: PARLEY_ + the key path ----

    @Test
    void environmentOverridesANestedNumber() {
        ParleyConfig config = loader.load(null, Map.of("PARLEY_C2S_PORT", "6222"));

        assertThat(config.c2s().port()).isEqualTo(6222);
        assertThat(config.c2s().directTlsPort()).isEqualTo(ParleyConfig.defaults().c2s().directTlsPort());
    }

    @Test
    void environmentOverridesTheFile() throws IOException {
        Path file = write("""
                c2s:
                  port: 15222
                """);

        assertThat(loader.load(file, Map.of("PARLEY_C2S_PORT", "6222")).c2s().port()).isEqualTo(6222);
    }

    @Test
    void environmentOverridesTheDatabaseUrl() {
        String url = "jdbc:mariadb://db.example:3306/parley";

        ParleyConfig config = loader.load(null, Map.of("PARLEY_DATABASE_URL", url));

        assertThat(config.database().url()).isEqualTo(url);
        assertThat(config.jdbcUrl()).isEqualTo(url);
        assertThat(config.dataDir()).isEqualTo(ParleyConfig.defaults().dataDir());
    }

    @Test
    void environmentSetsAListFromCommaSeparatedValues() {
        ParleyConfig config = loader.load(null, Map.of("PARLEY_ADMINS", "alice, bob@example.org"));

        assertThat(config.admins()).containsExactly("alice", "bob@example.org");
    }

    @Test
    void environmentFindsKeysWhoseNamesContainUnderscores() {
        ParleyConfig config = loader.load(null, Map.of(
                "PARLEY_SASL_SCRAM_ITERATIONS", "5000",
                "PARLEY_C2S_DIRECT_TLS_PORT", "-1",
                "PARLEY_C2S_STARTTLS_REQUIRED", "false",
                "PARLEY_DATA_DIR", "/var/lib/parley"));

        assertThat(config.sasl().scramIterations()).isEqualTo(5000);
        assertThat(config.c2s().directTlsPort()).isEqualTo(-1);
        assertThat(config.c2s().starttlsRequired()).isFalse();
        assertThat(config.dataDir()).isEqualTo("/var/lib/parley");
    }

    @Test
    void otherEnvironmentVariablesAreIgnored() {
        assertThat(loader.load(null, Map.of("PATH", "/usr/bin", "HOME", "/root"))).isEqualTo(ParleyConfig.defaults());
    }

    @Test
    void environmentVariableNamingNoKeyIsAnError() {
        assertThatThrownBy(() -> loader.load(null, Map.of("PARLEY_C2S_PROT", "5222")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PARLEY_C2S_PROT");
    }

    @Test
    void environmentValueOfTheWrongTypeIsAnErrorNamingTheKey() {
        assertThatThrownBy(() -> loader.load(null, Map.of("PARLEY_C2S_PORT", "fifty")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'c2s.port'");
    }

    // ---- validation ----

    @Test
    void portOutOfRangeIsAnErrorNamingTheKey() throws IOException {
        Path file = write("""
                c2s:
                  port: 70000
                """);

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'c2s.port'").hasMessageContaining("70000");
    }

    @Test
    void domainWithASpaceIsInvalid() throws IOException {
        Path file = write("domain: \"a b\"\n");

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("domain").hasMessageContaining("a b");
    }

    @Test
    void domainNotInCanonicalFormIsInvalid() throws IOException {
        // Stream 'to' attributes and JID domainparts are compared after domainprep (RFC 7622 §3.2), which lower-cases:
        // a server configured as "LocalHost" would answer every client with <host-unknown/>.
        Path file = write("domain: LocalHost\n");

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("LocalHost").hasMessageContaining("'localhost'");
    }

    @Test
    void unknownSaslMechanismIsInvalid() throws IOException {
        Path file = write("""
                sasl:
                  mechanisms: [SCRAM-SHA-256, DIGEST-MD5]
                """);

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sasl.mechanisms").hasMessageContaining("DIGEST-MD5");
    }

    @Test
    void scramIterationsBelowRfc7677MinimumAreInvalid() {
        assertThatThrownBy(() -> loader.load(null, Map.of("PARLEY_SASL_SCRAM_ITERATIONS", "1000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'sasl.scram_iterations'");
    }

    @Test
    void streamManagementResumeTimeoutIsSetFromTheEnvironmentAndMayNotBeNegative() {
        ParleyConfig config = loader.load(null, Map.of("PARLEY_STREAM_MANAGEMENT_RESUME_TIMEOUT_SECONDS", "0"));
        assertThat(config.streamManagement().resumeTimeoutSeconds()).isZero();

        assertThatThrownBy(() -> loader.load(null, Map.of("PARLEY_STREAM_MANAGEMENT_RESUME_TIMEOUT_SECONDS", "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'stream_management.resume_timeout_seconds'");
        assertThatThrownBy(() -> loader.load(null, Map.of("PARLEY_STREAM_MANAGEMENT_MAX_UNACKED_STANZAS", "1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'stream_management.max_unacked_stanzas'");
    }

    @Test
    void certificateWithoutPrivateKeyIsInvalid() throws IOException {
        Path file = write("""
                tls:
                  certificate: /etc/parley/cert.pem
                """);

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tls.private_key");
    }

    @Test
    void nullValueKeepsTheDefault() throws IOException {
        Path file = write("""
                admins:
                c2s:
                  port:
                """);

        ParleyConfig config = loader.load(file, Map.of());

        assertThat(config.admins()).isEqualTo(List.of("admin"));
        assertThat(config.c2s().port()).isEqualTo(5222);
    }

    @Test
    void aFractionWhereAWholeNumberBelongsIsAnErrorNamingTheKey() throws IOException {
        Path file = write("c2s:\n  port: 5222.9\n");

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'c2s.port'");
    }

    @Test
    void aNumberWhereTextBelongsIsAnErrorNamingTheKey() throws IOException {
        Path file = write("domain: 123\n");

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'domain'");
    }

    @Test
    void archiveRetentionAndDefaultModeAreReadAndChecked() throws IOException {
        Path file = write("archive:\n  retention_days: 365\n  default_mode: roster\n");

        assertThat(loader.load(file, Map.of()).archive()).isEqualTo(new ParleyConfig.Archive(365, "roster"));
        assertThatThrownBy(() -> loader.load(null, Map.of("PARLEY_ARCHIVE_RETENTION_DAYS", "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'archive.retention_days'");
        assertThatThrownBy(() -> loader.load(null, Map.of("PARLEY_ARCHIVE_DEFAULT_MODE", "sometimes")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("archive.default_mode").hasMessageContaining("sometimes");
    }

    @Test
    void noSaslMechanismIsInvalid() throws IOException {
        Path file = write("sasl:\n  mechanisms: []\n");

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sasl.mechanisms");
    }

    @Test
    void theMucServiceIsConferenceDotDomainWithCapsOf100ByDefault() {
        ParleyConfig config = loader.load(null, Map.of("PARLEY_DOMAIN", "example.org"));

        assertThat(config.muc().serviceDomain(config.domain())).isEqualTo("conference.example.org");
        assertThat(config.muc().maxMembers()).isEqualTo(100);
        assertThat(config.muc().maxUsers()).isEqualTo(100);
    }

    @Test
    void mucKeysComeFromTheFileAndTheEnvironment() throws IOException {
        Path file = write("muc:\n  subdomain: rooms\n  max_members: 20\n");

        ParleyConfig config = loader.load(file, Map.of("PARLEY_MUC_MAX_USERS", "30"));

        assertThat(config.muc().serviceDomain(config.domain())).isEqualTo("rooms.localhost");
        assertThat(config.muc().maxMembers()).isEqualTo(20);
        assertThat(config.muc().maxUsers()).isEqualTo(30);
    }

    @Test
    void aMucSubdomainThatIsNotADnsLabelOrAZeroCapIsInvalid() throws IOException {
        assertThatThrownBy(() -> loader.load(write("muc:\n  subdomain: \"Chat Rooms\"\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("muc.subdomain");
        assertThatThrownBy(() -> loader.load(write("muc:\n  max_members: 0\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("muc.max_members");
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("parley.yml"), yaml);
    }
}
