package org.parley.presence.pep;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The verification string of XEP-0115 §5, checked against the examples of §5.2 and §5.3. */
class CapsHashTest {
    private static Element parse(String xml) throws Exception {
        return DocumentHelper.parseText(xml).getRootElement();
    }

    @Test
    void theSimpleExampleOfSection5_2() throws Exception {
        Element query = parse("""
                <query xmlns='http://jabber.org/protocol/disco#info'>
                  <identity category='client' name='Exodus 0.9.1' type='pc'/>
                  <feature var='http://jabber.org/protocol/caps'/>
                  <feature var='http://jabber.org/protocol/disco#items'/>
                  <feature var='http://jabber.org/protocol/disco#info'/>
                  <feature var='http://jabber.org/protocol/muc'/>
                </query>""");

        assertThat(CapsHash.of(query, "sha-1")).contains("QgayPKawpkPSDYmwT/WM94uAlu0=");
    }

    @Test
    void theComplexExampleOfSection5_3WithLanguagesAndAnExtendedForm() throws Exception {
        Element query = parse("""
                <query xmlns='http://jabber.org/protocol/disco#info'>
                  <identity xml:lang='en' category='client' name='Psi 0.11' type='pc'/>
                  <identity xml:lang='el' category='client' name='Ψ 0.11' type='pc'/>
                  <feature var='http://jabber.org/protocol/caps'/>
                  <feature var='http://jabber.org/protocol/disco#info'/>
                  <feature var='http://jabber.org/protocol/disco#items'/>
                  <feature var='http://jabber.org/protocol/muc'/>
                  <x xmlns='jabber:x:data' type='result'>
                    <field var='FORM_TYPE' type='hidden'><value>urn:xmpp:dataforms:softwareinfo</value></field>
                    <field var='ip_version'><value>ipv4</value><value>ipv6</value></field>
                    <field var='os'><value>Mac</value></field>
                    <field var='os_version'><value>10.5.1</value></field>
                    <field var='software'><value>Psi</value></field>
                    <field var='software_version'><value>0.11</value></field>
                  </x>
                </query>""");

        assertThat(CapsHash.of(query, "sha-1")).contains("q07IKJEyjvHSyhy//CH0CxmKi8w=");
    }

    @Test
    void anUnknownAlgorithmGivesNoHash() throws Exception {
        assertThat(CapsHash.of(parse("<query xmlns='http://jabber.org/protocol/disco#info'/>"), "md-9")).isEmpty();
    }
}
