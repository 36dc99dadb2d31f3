package org.parley.server.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.parley.server.config.ConfigException;
import org.parley.server.config.ParleyConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Builds the server's TLS context (TLS 1.2 and 1.3 only) from the configured PEM certificate and key, or from
 * a self-signed certificate for the domain, generated with Bouncy Castle at first start and kept in
 * {@code data_dir/tls/} so clients that pinned it keep trusting it.
 */
public final class TlsContexts {
    private static final Logger log = LoggerFactory.getLogger(TlsContexts.class);
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsContexts() {
    }

    /**
     * The server-side TLS context for {@code config}.
     *
     * @throws ConfigException if the configured files cannot be read or do not match
     */
    public static SslContext serverContext(ParleyConfig config) {
        try {
            Path certFile;
            Path keyFile;
            if (!config.tls().certificate().isBlank()) {
                certFile = Path.of(config.tls().certificate());
                keyFile = Path.of(config.tls().privateKey());
            } else {
                Path dir = config.dataPath().resolve("tls");
                certFile = dir.resolve(config.domain() + ".crt");
                keyFile = dir.resolve(config.domain() + ".key");
                if (!Files.exists(certFile) || !Files.exists(keyFile)) {
                    generateSelfSigned(config.domain(), certFile, keyFile);
                }
            }
            List<X509Certificate> chain = readCertificates(certFile);
            PrivateKey key = readPrivateKey(keyFile);
            return SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new))
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS)
                    .build();
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new ConfigException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a new self-signed certificate for {@code domain} (subject CN and subjectAltName DNS = domain and
     * {@code *.domain}, RSA 2048, valid 10 years) and its key, both PEM.
     */
    public static void generateSelfSigned(String domain, Path certFile, Path keyFile)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, new SecureRandom());
        KeyPair pair = generator.generateKeyPair();
        X500Name subject = new X500Name("CN=" + domain);
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                subject, new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))),
                subject, pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                new GeneralName(GeneralName.dNSName, domain),
                new GeneralName(GeneralName.dNSName, "*." + domain)}));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(new KeyPurposeId[]{KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        Files.createDirectories(certFile.toAbsolutePath().getParent());
        writePem(certFile, certificate);
        writePem(keyFile, pair.getPrivate());
        log.info("Generated a self-signed certificate for {} in {}", domain, certFile);
    }

    private static void writePem(Path file, Object object) throws IOException {
        try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(object);
        }
    }

    private static List<X509Certificate> readCertificates(Path file) throws IOException, GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> chain = new ArrayList<>();
        try (var in = Files.newInputStream(file)) {
            for (var c : factory.generateCertificates(in)) chain.add((X509Certificate) c);
        }
        if (chain.isEmpty()) throw new GeneralSecurityException("no certificate in " + file);
        return chain;
    }

    private static PrivateKey readPrivateKey(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file); PEMParser parser = new PEMParser(in)) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PEMKeyPair pair) return converter.getPrivateKey(pair.getPrivateKeyInfo());
            if (object instanceof PrivateKeyInfo info) return converter.getPrivateKey(info);
            throw new IOException("no private key in " + file);
        }
    }
}
