package org.parley.server.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.xmpp.packet.JID;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code parley.yml} into a {@link ParleyConfig}: the file's keys are laid over the defaults, then
 * environment variables {@code PARLEY_<KEY_PATH>} (e.g. {@code PARLEY_DATABASE_URL}, {@code PARLEY_C2S_PORT})
 * over both. An unknown key, a wrong type or an invalid value is a {@link ConfigException} that names the key.
 */
public final class ConfigLoader {
    private static final String ENV_PREFIX = "PARLEY_";

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);

    {
        // A number where text belongs ("domain: 123") is a mistake, not a domain.
        yaml.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }

    /**
     * Loads {@code file} (which may be absent: then only defaults and environment apply).
     *
     * @param file the YAML file, or null
     * @param env  the environment, usually {@link System#getenv()}
     * @throws ConfigException naming the offending key
     */
    public ParleyConfig load(Path file, Map<String, String> env) {
        ObjectNode tree = yaml.valueToTree(ParleyConfig.defaults());
        if (file != null && Files.exists(file)) {
            JsonNode user;
            try {
                user = yaml.readTree(file.toFile());
            } catch (IOException e) {
                throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
            }
            if (user != null && !user.isMissingNode() && !user.isNull()) {
                if (!user.isObject()) throw new ConfigException(file + ": expected a mapping of keys");
                overlay(tree, (ObjectNode) user, "");
            }
        }
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX)) applyEnv(tree, name, value);
        });
        ParleyConfig config;
        try {
            config = yaml.treeToValue(tree, ParleyConfig.class);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            String key = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> a + "." + b).orElse("?");
            throw new ConfigException("invalid value for configuration key '" + key + "': " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException("invalid configuration: " + e.getMessage());
        }
        validate(config);
        return config;
    }

    private static void overlay(ObjectNode base, ObjectNode user, String path) {
        Iterator<Map.Entry<String, JsonNode>> fields = user.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = path + field.getKey();
            JsonNode current = base.get(field.getKey());
            if (current == null) throw new ConfigException("unknown configuration key '" + key + "'");
            JsonNode value = field.getValue();
            if (current.isObject()) {
                if (!value.isObject()) throw new ConfigException("configuration key '" + key + "' must be a mapping");
                overlay((ObjectNode) current, (ObjectNode) value, key + ".");
            } else {
                base.set(field.getKey(), value.isNull() ? current : value);
            }
        }
    }

    /** Finds the key path for {@code PARLEY_A_B_C} by walking the tree: key names may contain underscores. */
    private static void applyEnv(ObjectNode tree, String name, String value) {
        String rest = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT);
        ObjectNode node = tree;
        String path = "";
        while (true) {
            String match = null;
            for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (rest.equals(key) || (rest.startsWith(key + "_") && node.get(key).isObject())) {
                    if (match == null || key.length() > match.length()) match = key;
                }
            }
            if (match == null) throw new ConfigException("environment variable " + name + " names no configuration key");
            JsonNode child = node.get(match);
            path += match;
            if (rest.equals(match)) {
                node.set(match, typed("configuration key '" + path + "' (from environment variable " + name + ")", child, value));
                return;
            }
            rest = rest.substring(match.length() + 1);
            node = (ObjectNode) child;
            path += ".";
        }
    }

    /** An environment value as the type the key holds (YAML would have typed it; the environment is text). */
    private static JsonNode typed(String what, JsonNode current, String value) {
        if (current.isArray()) return listOf(value);
        if (current.isInt()) {
            try {
                return IntNode.valueOf(Integer.parseInt(value.trim()));
            } catch (NumberFormatException e) {
                throw new ConfigException(what + " must be a whole number, not '" + value + "'");
            }
        }
        if (current.isBoolean()) {
            if (value.trim().equalsIgnoreCase("true")) return BooleanNode.TRUE;
            if (value.trim().equalsIgnoreCase("false")) return BooleanNode.FALSE;
            throw new ConfigException(what + " must be true or false, not '" + value + "'");
        }
        return TextNode.valueOf(value);
    }

    private static ArrayNode listOf(String commaSeparated) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (String item : commaSeparated.split(",")) {
            if (!item.isBlank()) list.add(item.trim());
        }
        return list;
    }

    private static void validate(ParleyConfig c) {
        String prepped;
        try {
            prepped = JID.domainprep(c.domain());
            if (prepped == null || prepped.isEmpty()) throw new IllegalArgumentException("empty");
        } catch (IllegalArgumentException e) {
            throw new ConfigException("domain '" + c.domain() + "' is not a valid XMPP domain");
        }
        // Stream 'to' and JID domainparts are compared after domainprep (RFC 7622 §3.2): the domain must be in that form.
        if (!prepped.equals(c.domain())) {
            throw new ConfigException("domain '" + c.domain() + "' must be written in canonical form: '" + prepped + "'");
        }
        requireRange("c2s.port", c.c2s().port(), -1, 65535);
        requireRange("c2s.direct_tls_port", c.c2s().directTlsPort(), -1, 65535);
        requireRange("database.pool_size", c.database().poolSize(), 1, 1000);
        requireRange("limits.max_stanza_bytes", c.limits().maxStanzaBytes(), 1024, 64 * 1024 * 1024);
        requireRange("limits.max_depth", c.limits().maxDepth(), 4, 1024);
        requireRange("limits.max_attributes", c.limits().maxAttributes(), 4, 1024);
        requireRange("limits.max_roster_items", c.limits().maxRosterItems(), 1, 1_000_000);
        requireRange("limits.max_vcard_chars", c.limits().maxVcardChars(), 1024, 10_000_000);
        requireRange("limits.max_body_chars", c.limits().maxBodyChars(), 1, 10_000_000);
        requireRange("offline.max_messages_per_user", c.offline().maxMessagesPerUser(), 0, 10_000_000);
        requireRange("stream_management.resume_timeout_seconds", c.streamManagement().resumeTimeoutSeconds(), 0, 86_400);
        requireRange("stream_management.max_unacked_stanzas", c.streamManagement().maxUnackedStanzas(), 10, 1_000_000);
        requireRange("archive.retention_days", c.archive().retentionDays(), 0, 36_500);
        if (!List.of("always", "roster", "never").contains(c.archive().defaultMode())) {
            throw new ConfigException("archive.default_mode must be always, roster or never, not '" + c.archive().defaultMode() + "'");
        }
        requireRange("muc.max_members", c.muc().maxMembers(), 1, 100_000);
        requireRange("muc.max_users", c.muc().maxUsers(), 1, 100_000);
        requireRange("muc.history_size", c.muc().historySize(), 0, 10_000);
        if (c.muc().subdomain() == null || !c.muc().subdomain().matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
            throw new ConfigException("muc.subdomain '" + c.muc().subdomain() + "' must be a lower-case DNS label, e.g. conference");
        }
        requireRange("keepalive.idle_seconds", c.keepalive().idleSeconds(), 1, 86_400);
        requireRange("keepalive.ping_timeout_seconds", c.keepalive().pingTimeoutSeconds(), 1, 3600);
        requireRange("sasl.scram_iterations", c.sasl().scramIterations(), 4096, 10_000_000);
        requireRange("sasl.max_failures", c.sasl().maxFailures(), 1, 100);
        if (c.sasl().mechanisms().isEmpty()) throw new ConfigException("sasl.mechanisms must name at least one mechanism");
        for (String m : c.sasl().mechanisms()) {
            if (!m.matches("SCRAM-SHA-(1|256|512)|PLAIN")) {
                throw new ConfigException("sasl.mechanisms: unknown mechanism '" + m + "'");
            }
        }
        if (c.admin().username() == null || c.admin().username().isBlank()) {
            throw new ConfigException("admin.username must not be empty");
        }
        if (c.c2s().bindAddress() == null || c.c2s().bindAddress().isBlank()) {
            throw new ConfigException("c2s.bind_address must not be empty");
        }
        boolean certSet = !c.tls().certificate().isBlank();
        boolean keySet = !c.tls().privateKey().isBlank();
        if (certSet != keySet) throw new ConfigException("tls.certificate and tls.private_key must be set together");
    }

    private static void requireRange(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException("configuration key '" + key + "' is " + value + ", expected " + min + ".." + max);
        }
    }
}
