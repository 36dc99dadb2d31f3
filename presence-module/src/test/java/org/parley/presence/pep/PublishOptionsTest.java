package org.parley.presence.pep;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.xmpp.packet.PacketError;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Publishing options as preconditions and as the configuration of an auto-created node (XEP-0060 §7.1.5). */
class PublishOptionsTest {
    private static PublishOptions options(Map<String, String> fields) throws StanzaErrorException {
        return options(NodeConfigForm.PUBLISH_OPTIONS, fields);
    }

    private static PublishOptions options(String formType, Map<String, String> fields) throws StanzaErrorException {
        Element pubsub = DocumentHelper.createElement(org.dom4j.QName.get("pubsub", PubSub.NAMESPACE));
        Element x = pubsub.addElement("publish-options").addElement("x", "jabber:x:data").addAttribute("type", "submit");
        x.addElement("field").addAttribute("var", "FORM_TYPE").addElement("value").setText(formType);
        fields.forEach((var, value) -> x.addElement("field").addAttribute("var", var).addElement("value").setText(value));
        return PublishOptions.of(pubsub);
    }

    private static void assertPreconditionNotMet(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        StanzaErrorException e = catchThrowableOfType(StanzaErrorException.class, call);
        assertThat(e).isNotNull();
        assertThat(e.condition()).isEqualTo(PacketError.Condition.conflict);
        assertThat(e.toPacketError().getApplicationConditionName()).isEqualTo("precondition-not-met");
    }

    @Test
    void withoutOptionsEveryNodeMeetsThePreconditions() throws Exception {
        Element pubsub = DocumentHelper.createElement(org.dom4j.QName.get("pubsub", PubSub.NAMESPACE));

        PublishOptions none = PublishOptions.of(pubsub);

        none.check(NodeConfig.DEFAULT.withAccessModel(AccessModel.WHITELIST));
        assertThat(none.forNewNode(NodeConfig.DEFAULT)).isEqualTo(NodeConfig.DEFAULT);
    }

    @Test
    void onAutoCreateTheOptionsBecomeTheNodeConfiguration() throws Exception {
        PublishOptions bookmarks = options(Map.of("pubsub#access_model", "whitelist", "pubsub#max_items", "max",
                "pubsub#persist_items", "true", "pubsub#send_last_published_item", "never"));

        assertThat(bookmarks.forNewNode(NodeConfig.DEFAULT)).isEqualTo(new NodeConfig(AccessModel.WHITELIST,
                NodeConfig.MAX_ITEMS, true, SendLastPublished.NEVER));
    }

    @Test
    void aNodeConfiguredAsRequiredMeetsThePrecondition() throws Exception {
        PublishOptions open = options(Map.of("pubsub#access_model", "open", "pubsub#persist_items", "1"));

        open.check(NodeConfig.DEFAULT.withAccessModel(AccessModel.OPEN));
    }

    @Test
    void aNodeWithAnotherAccessModelFailsWithConflictAndPreconditionNotMet() throws Exception {
        PublishOptions open = options(Map.of("pubsub#access_model", "open"));

        assertPreconditionNotMet(() -> open.check(NodeConfig.DEFAULT));
    }

    @Test
    void maxItemsMaxIsMetOnlyByTheLargestLimit() throws Exception {
        PublishOptions max = options(Map.of("pubsub#max_items", "max"));

        max.check(NodeConfig.DEFAULT.withMaxItems(NodeConfig.MAX_ITEMS));
        assertPreconditionNotMet(() -> max.check(NodeConfig.DEFAULT.withMaxItems(10)));
    }

    @Test
    void anUnknownOptionIsNeverMetNorAppliedOnAutoCreate() throws Exception {
        PublishOptions unknown = options(Map.of("pubsub#children_max", "3"));

        assertPreconditionNotMet(() -> unknown.check(NodeConfig.DEFAULT));
        assertPreconditionNotMet(() -> unknown.forNewNode(NodeConfig.DEFAULT));
    }

    @Test
    void anUnsupportedAccessModelIsNotMet() throws Exception {
        PublishOptions roster = options(Map.of("pubsub#access_model", "roster"));

        assertPreconditionNotMet(() -> roster.forNewNode(NodeConfig.DEFAULT));
    }

    @Test
    void aFixedOptionIsMetOnlyWithItsFixedValue() throws Exception {
        options(Map.of("pubsub#deliver_payloads", "1", "pubsub#publish_model", "publishers")).check(NodeConfig.DEFAULT);

        assertPreconditionNotMet(() -> options(Map.of("pubsub#deliver_payloads", "false")).check(NodeConfig.DEFAULT));
    }

    @Test
    void aFormOfAnotherTypeIsABadRequest() {
        assertThatThrownBy(() -> options(NodeConfigForm.NODE_CONFIG, Map.of("pubsub#access_model", "open")))
                .isInstanceOfSatisfying(StanzaErrorException.class,
                        e -> assertThat(e.condition()).isEqualTo(PacketError.Condition.bad_request));
    }
}
