package org.parley.presence.avatar;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The image in a vCard's {@code <PHOTO/>} (XEP-0153 §3.1, XEP-0054): its MIME type and bytes, and its SHA-1 hash as
 * lowercase hex, which is both the XEP-0153 presence hash and the XEP-0084 item id.
 *
 * @param type  the MIME type, e.g. {@code image/png}
 * @param bytes the image
 */
public record VCardPhoto(String type, byte[] bytes) {
    /** The vcard-temp namespace (XEP-0054). */
    public static final String VCARD = "vcard-temp";

    /**
     * The photo inlined in {@code vCard} ({@code <BINVAL/>}, base64, whitespace allowed), if it has one that
     * decodes; a photo only by reference ({@code <EXTVAL/>}) is not one.
     */
    public static Optional<VCardPhoto> of(Element vCard) {
        Element photo = vCard == null ? null : vCard.element("PHOTO");
        if (photo == null) return Optional.empty();
        String binval = photo.elementText("BINVAL");
        if (binval == null || binval.isBlank()) return Optional.empty();
        try {
            byte[] bytes = Base64.getMimeDecoder().decode(binval.strip());
            if (bytes.length == 0) return Optional.empty();
            String type = photo.elementTextTrim("TYPE");
            return Optional.of(new VCardPhoto(type == null || type.isEmpty() ? "image/png" : type, bytes));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code vCard} has a {@code <PHOTO/>} at all (inline or by reference). */
    public static boolean present(Element vCard) {
        return vCard != null && vCard.element("PHOTO") != null;
    }

    /** The SHA-1 of the image, lowercase hex (XEP-0153 §4.1, XEP-0084 §4.2 item id). */
    public String sha1() {
        return sha1(bytes);
    }

    /** The SHA-1 of {@code bytes}, lowercase hex. */
    public static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /** The image as base64 (no line breaks). */
    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Sets this photo in {@code vCard}, replacing any other; a new vCard when {@code vCard} is null. */
    public Element into(Element vCard) {
        Element target = vCard == null ? DocumentHelper.createElement(QName.get("vCard", VCARD)) : vCard;
        remove(target);
        Element photo = target.addElement("PHOTO", VCARD);
        photo.addElement("TYPE", VCARD).setText(type);
        photo.addElement("BINVAL", VCARD).setText(base64());
        return target;
    }

    /** Removes every {@code <PHOTO/>} from {@code vCard}. */
    public static void remove(Element vCard) {
        for (Element photo : vCard.elements("PHOTO")) vCard.remove(photo);
    }
}
