package org.parley.xmpp.core.module;

import org.dom4j.Element;

/**
 * A node of an account's own service discovery (XEP-0030 §3.2) that a module serves, e.g. the
 * {@code http://jabber.org/protocol/offline} node of XEP-0013 §2.2. Only the account's owner may query it; the
 * handler of account disco requests asks the module to fill in the answer. May block (called on a virtual thread).
 */
public interface AccountDiscoNode {
    /** The node name. */
    String node();

    /** Adds the node's identities, features and forms to a disco#info {@code <query/>} for {@code owner}. */
    void info(String owner, Element query);

    /** Adds the node's {@code <item/>}s to a disco#items {@code <query/>} for {@code owner}. */
    void items(String owner, Element query);
}
