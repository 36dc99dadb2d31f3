package org.parley.presence.pep;

import org.dom4j.Element;
import org.parley.xmpp.core.Namespaces;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading and writing the few Data Forms (XEP-0004) PEP uses. */
final class DataForms {
    private DataForms() {
    }

    /** The fields of {@code <x xmlns='jabber:x:data'/>} under {@code parent}, var → values (empty if no form). */
    static Map<String, List<String>> fields(Element parent) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        Element x = parent == null ? null : parent.element(org.dom4j.QName.get("x", Namespaces.DATA_FORMS));
        if (x == null) return fields;
        for (Element field : x.elements("field")) {
            String var = field.attributeValue("var");
            if (var == null) continue;
            List<String> values = new ArrayList<>();
            for (Element value : field.elements("value")) values.add(value.getTextTrim());
            fields.put(var, values);
        }
        return fields;
    }

    /** The form's type attribute ({@code submit}, {@code cancel} …), or null without a form. */
    static String type(Element parent) {
        Element x = parent == null ? null : parent.element(org.dom4j.QName.get("x", Namespaces.DATA_FORMS));
        return x == null ? null : x.attributeValue("type");
    }

    /** Adds {@code <x type='form'/>} with its hidden FORM_TYPE to {@code parent}. */
    static Element form(Element parent, String formType) {
        Element x = parent.addElement("x", Namespaces.DATA_FORMS).addAttribute("type", "form");
        field(x, "FORM_TYPE", "hidden", null, formType);
        return x;
    }

    /** Adds a field with one value. */
    static Element field(Element x, String var, String type, String label, String value) {
        Element field = x.addElement("field").addAttribute("var", var).addAttribute("type", type);
        if (label != null) field.addAttribute("label", label);
        field.addElement("value").setText(value);
        return field;
    }

    /** Adds options to a list-single field. */
    static void options(Element field, List<String> values) {
        for (String v : values) field.addElement("option").addElement("value").setText(v);
    }
}
