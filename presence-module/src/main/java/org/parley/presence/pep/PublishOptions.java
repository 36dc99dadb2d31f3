package org.parley.presence.pep;

import org.dom4j.Element;
import org.parley.xmpp.core.module.StanzaErrorException;

import java.util.List;
import java.util.Map;

/**
 * Publishing options (XEP-0060 §7.1.5): preconditions on the node's configuration; on auto-create (XEP-0163 §3)
 * they become the new node's configuration.
 */
public record PublishOptions(Map<String, List<String>> fields) {
    /** No options. */
    public static final PublishOptions NONE = new PublishOptions(Map.of());

    public PublishOptions {
        fields = Map.copyOf(fields);
    }

    /**
     * The options under {@code <pubsub/>}.
     *
     * @throws StanzaErrorException {@code <bad-request/>} for a form of another FORM_TYPE (§7.1.5)
     */
    public static PublishOptions of(Element pubsub) throws StanzaErrorException {
        Element options = pubsub.element("publish-options");
        if (options == null) return NONE;
        Map<String, List<String>> fields = DataForms.fields(options);
        if (fields.isEmpty()) return NONE;
        String type = NodeConfigForm.formType(fields).orElse("");
        if (!type.equals(NodeConfigForm.PUBLISH_OPTIONS)) {
            // §7.1.5: "the <publish-options/> element MUST contain a data form whose FORM_TYPE is ...#publish-options"
            throw PubSub.badRequest("invalid-options");
        }
        return new PublishOptions(fields);
    }

    /**
     * The configuration of a node auto-created by this publish: the defaults with the options applied.
     *
     * @throws StanzaErrorException {@code <conflict/>} + {@code <precondition-not-met/>} for an option Parley
     *                              cannot apply
     */
    public NodeConfig forNewNode(NodeConfig defaults) throws StanzaErrorException {
        try {
            return NodeConfigForm.apply(defaults, fields);
        } catch (NodeConfigForm.UnsupportedOption e) {
            throw PubSub.preconditionNotMet(e.getMessage());
        }
    }

    /**
     * §7.1.5: "If the node exists and the precondition is not met, then the publish shall fail with a
     * {@code <conflict/>} error condition and a pubsub-specific condition of {@code <precondition-not-met/>}."
     * A precondition is met when applying the options would change nothing.
     */
    public void check(NodeConfig existing) throws StanzaErrorException {
        NodeConfig wanted;
        try {
            wanted = NodeConfigForm.apply(existing, fields);
        } catch (NodeConfigForm.UnsupportedOption e) {
            throw PubSub.preconditionNotMet(e.getMessage());
        }
        if (!wanted.equals(existing)) throw PubSub.preconditionNotMet("the node is configured differently");
    }
}
