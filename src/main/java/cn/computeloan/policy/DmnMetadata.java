package cn.computeloan.policy;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads what DMN-Scala does not expose: the Camunda 8 version tag and the file fingerprint. */
final class DmnMetadata {

  static final String DMN13 = "https://www.omg.org/spec/DMN/20191111/MODEL/";
  static final String ZEEBE = "http://camunda.org/schema/zeebe/1.0";

  private DmnMetadata() {}

  /** First 12 hex characters of the SHA-256 of the file content. */
  static String sha256Prefix(byte[] content) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
      return HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** Decision id to {@code zeebe:versionTag} value (Camunda 8.6+ extension element). */
  static Map<String, String> versionTags(byte[] content) {
    Map<String, String> tags = new HashMap<>();
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      NodeList decisions =
          factory
              .newDocumentBuilder()
              .parse(new ByteArrayInputStream(content))
              .getElementsByTagNameNS(DMN13, "decision");
      for (int i = 0; i < decisions.getLength(); i++) {
        Element decision = (Element) decisions.item(i);
        NodeList tag = decision.getElementsByTagNameNS(ZEEBE, "versionTag");
        if (tag.getLength() > 0) {
          tags.put(decision.getAttribute("id"), ((Element) tag.item(0)).getAttribute("value"));
        }
      }
    } catch (Exception e) {
      // DMN-Scala has already accepted the file; a missing tag only shows as "untagged".
      return Map.of();
    }
    return tags;
  }
}
