package org.parley.presence.pep;

import org.dom4j.Element;
import org.parley.xmpp.core.Namespaces;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The verification string of entity capabilities (XEP-0115 §5.1), computed from a disco#info result. */
public final class CapsHash {
    private CapsHash() {
    }

    /**
     * The Base64 hash of the verification string of {@code query} with the named algorithm (XEP-0115 §5.1; the
     * names of the IANA hash function registry, e.g. {@code sha-1}), or empty for an algorithm the JDK lacks.
     */
    public static Optional<String> of(Element query, String algorithm) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(algorithm.toUpperCase(Locale.ROOT));
        } catch (NoSuchAlgorithmException e) {
            return Optional.empty();
        }
        byte[] hash = digest.digest(verificationString(query).getBytes(StandardCharsets.UTF_8));
        return Optional.of(Base64.getEncoder().encodeToString(hash));
    }

    /** XEP-0115 §5.1 steps 1-8: identities, features, then extended forms, each followed by '<'. */
    static String verificationString(Element query) {
        StringBuilder s = new StringBuilder();
        List<String> identities = new ArrayList<>();
        for (Element i : query.elements("identity")) {
            identities.add(attr(i, "category") + "/" + attr(i, "type") + "/"
                    + (i.attributeValue(org.dom4j.QName.get("lang", org.dom4j.Namespace.XML_NAMESPACE)) == null ? ""
                    : i.attributeValue(org.dom4j.QName.get("lang", org.dom4j.Namespace.XML_NAMESPACE))) + "/" + attr(i, "name"));
        }
        identities.sort(Comparator.naturalOrder());
        identities.forEach(i -> s.append(i).append('<'));
        List<String> features = new ArrayList<>();
        for (Element f : query.elements("feature")) features.add(attr(f, "var"));
        features.sort(Comparator.naturalOrder());
        features.forEach(f -> s.append(f).append('<'));
        List<Element> forms = new ArrayList<>(query.elements(org.dom4j.QName.get("x", Namespaces.DATA_FORMS)));
        forms.sort(Comparator.comparing(CapsHash::formType));
        for (Element form : forms) {
            s.append(formType(form)).append('<');
            List<Element> fields = new ArrayList<>();
            for (Element f : form.elements("field")) if (!"FORM_TYPE".equals(f.attributeValue("var"))) fields.add(f);
            fields.sort(Comparator.comparing(f -> attr(f, "var")));
            for (Element field : fields) {
                s.append(attr(field, "var")).append('<');
                List<String> values = new ArrayList<>();
                for (Element v : field.elements("value")) values.add(v.getText());
                values.sort(Comparator.naturalOrder());
                values.forEach(v -> s.append(v).append('<'));
            }
        }
        return s.toString();
    }

    private static String formType(Element form) {
        for (Element f : form.elements("field")) {
            if ("FORM_TYPE".equals(f.attributeValue("var"))) {
                Element v = f.element("value");
                return v == null ? "" : v.getText();
            }
        }
        return "";
    }

    private static String attr(Element e, String name) {
        String v = e.attributeValue(name);
        return v == null ? "" : v;
    }
}
