package org.parley.presence.pep;

import org.dom4j.Element;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code pubsub#node_config} fields Parley understands (XEP-0060 §16.4), applied to a {@link NodeConfig}
 * (node configuration, §8.2; publish options, §7.1.5) and written as a configuration form (§8.2.1).
 */
public final class NodeConfigForm {
    /** The FORM_TYPE of node configuration. */
    public static final String NODE_CONFIG = PubSub.NAMESPACE + "#node_config";
    /** The FORM_TYPE of publish options. */
    public static final String PUBLISH_OPTIONS = PubSub.NAMESPACE + "#publish-options";

    /** Fields whose value is fixed in Parley: a submitted value must be this one. */
    private static final Map<String, String> FIXED = Map.of(
            "pubsub#publish_model", "publishers",
            "pubsub#deliver_payloads", "true",
            "pubsub#notify_retract", "true",
            "pubsub#notify_delete", "true",
            "pubsub#presence_based_delivery", "true");

    private NodeConfigForm() {
    }

    /** A field Parley cannot apply (an unknown field, a bad value, or another value of a fixed one). */
    public static final class UnsupportedOption extends Exception {
        UnsupportedOption(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * {@code base} with the submitted fields applied. FORM_TYPE is skipped; {@code pubsub#title} and
     * {@code pubsub#description} are accepted and not kept.
     *
     * @throws UnsupportedOption for a field Parley does not support or a value it cannot take
     */
    public static NodeConfig apply(NodeConfig base, Map<String, List<String>> fields) throws UnsupportedOption {
        NodeConfig config = base;
        for (Map.Entry<String, List<String>> field : fields.entrySet()) {
            String var = field.getKey();
            String value = field.getValue().isEmpty() ? "" : field.getValue().getFirst();
            switch (var) {
                case "FORM_TYPE", "pubsub#title", "pubsub#description" -> { }
                case "pubsub#access_model" -> config = config.withAccessModel(AccessModel.of(value)
                        .orElseThrow(() -> new UnsupportedOption("access model " + value + " is not supported")));
                case "pubsub#max_items" -> config = config.withMaxItems(maxItems(value));
                case "pubsub#persist_items" -> config = config.withPersistItems(bool(var, value));
                case "pubsub#send_last_published_item" -> config = config.withSendLastPublished(
                        SendLastPublished.of(value).orElseThrow(() -> new UnsupportedOption(var + " " + value)));
                default -> {
                    String fixed = FIXED.get(var);
                    if (fixed == null) throw new UnsupportedOption(var + " is not supported");
                    String given = var.equals("pubsub#publish_model") ? value : Boolean.toString(bool(var, value));
                    if (!fixed.equals(given)) throw new UnsupportedOption(var + " can only be " + fixed);
                }
            }
        }
        return config;
    }

    private static int maxItems(String value) throws UnsupportedOption {
        // XEP-0060 §16.4 and XEP-0402 §3: "max" asks for the most the service allows.
        if (value.equals("max")) return NodeConfig.MAX_ITEMS;
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= NodeConfig.MAX_ITEMS) return n;
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new UnsupportedOption("pubsub#max_items must be 1.." + NodeConfig.MAX_ITEMS + " or max");
    }

    private static boolean bool(String var, String value) throws UnsupportedOption {
        // XEP-0004 §3.3: a boolean is "0", "1", "false" or "true".
        return switch (value) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw new UnsupportedOption(var + " is a boolean, not " + value);
        };
    }

    /** Adds the configuration form of {@code config} (XEP-0060 §8.2.1) to {@code parent}. */
    public static void write(Element parent, NodeConfig config) {
        Element x = DataForms.form(parent, NODE_CONFIG);
        Element access = DataForms.field(x, "pubsub#access_model", "list-single", "Who may subscribe and retrieve items",
                config.accessModel().value());
        DataForms.options(access, Arrays.stream(AccessModel.values()).map(AccessModel::value).toList());
        DataForms.field(x, "pubsub#max_items", "text-single", "Max # of items to persist",
                Integer.toString(config.maxItems()));
        DataForms.field(x, "pubsub#persist_items", "boolean", "Persist items to storage",
                config.persistItems() ? "1" : "0");
        Element send = DataForms.field(x, "pubsub#send_last_published_item", "list-single",
                "When to send the last published item", config.sendLastPublished().value());
        DataForms.options(send, Arrays.stream(SendLastPublished.values()).map(SendLastPublished::value).toList());
        for (Map.Entry<String, String> fixed : new java.util.TreeMap<>(FIXED).entrySet()) {
            String type = fixed.getKey().equals("pubsub#publish_model") ? "list-single" : "boolean";
            DataForms.field(x, fixed.getKey(), type, null, fixed.getValue().equals("true") ? "1" : fixed.getValue());
        }
    }

    /** The FORM_TYPE of submitted fields, if given. */
    static Optional<String> formType(Map<String, List<String>> fields) {
        List<String> v = fields.get("FORM_TYPE");
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.getFirst());
    }
}
