package org.dialbridge.core.provider.bandwidthv2;

import java.io.StringWriter;
import java.util.List;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The BXML Dialbridge answers Bandwidth's callbacks with, built as a DOM so every number and URL is
 * escaped by the XML writer, not by hand.
 */
final class Bxml {
  static final String MEDIA_TYPE = "application/xml";

  private Bxml() {}

  /** Where a transfer rings: a phone number, or a SIP URI for a {@code sip:} target. */
  record Target(String target) {
    Target {
      Objects.requireNonNull(target, "target == null");
    }

    boolean isSip() {
      return target.regionMatches(true, 0, "sip:", 0, 4);
    }
  }

  /** How the transfer's callbacks reach us. */
  record Callbacks(String url, String username, String password) {
    Callbacks {
      Objects.requireNonNull(url, "url == null");
      Objects.requireNonNull(username, "username == null");
      Objects.requireNonNull(password, "password == null");
    }

    /** Never the password: a record's own toString would print it. */
    @Override
    public String toString() {
      return "Callbacks[url=" + url + ", username=" + username + ", password=****]";
    }
  }

  /**
   * {@code <Response><Transfer …><PhoneNumber …>target</PhoneNumber>…</Transfer></Response>}: rings
   * every target at once showing {@code callerId}; the first to answer is bridged to the call.
   *
   * @param tag the tag of the new legs' callbacks, or null for none
   */
  static String transfer(
      String callerId, int callTimeout, List<Target> targets, Callbacks callbacks, String tag) {
    Document doc = document();
    Element response = doc.createElement("Response");
    doc.appendChild(response);
    Element transfer = doc.createElement("Transfer");
    transfer.setAttribute("transferCallerId", callerId);
    transfer.setAttribute("callTimeout", Integer.toString(callTimeout));
    transfer.setAttribute("transferCompleteUrl", callbacks.url());
    transfer.setAttribute("transferCompleteMethod", "POST");
    transfer.setAttribute("username", callbacks.username());
    transfer.setAttribute("password", callbacks.password());
    response.appendChild(transfer);
    for (Target target : targets) {
      Element number = doc.createElement(target.isSip() ? "SipUri" : "PhoneNumber");
      number.setAttribute("transferAnswerUrl", callbacks.url());
      number.setAttribute("transferAnswerMethod", "POST");
      number.setAttribute("transferDisconnectUrl", callbacks.url());
      number.setAttribute("transferDisconnectMethod", "POST");
      number.setAttribute("username", callbacks.username());
      number.setAttribute("password", callbacks.password());
      if (tag != null) number.setAttribute("tag", tag);
      number.setTextContent(target.target());
      transfer.appendChild(number);
    }
    return write(doc);
  }

  /** {@code <Response><Hangup/></Response>}: refuses an inbound call nobody is routed to. */
  static String hangup() {
    Document doc = document();
    Element response = doc.createElement("Response");
    doc.appendChild(response);
    response.appendChild(doc.createElement("Hangup"));
    return write(doc);
  }

  private static Document document() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      Document doc = factory.newDocumentBuilder().newDocument();
      doc.setXmlStandalone(true);
      return doc;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's DOM builder is always there", e);
    }
  }

  private static String write(Document doc) {
    try {
      TransformerFactory factory = TransformerFactory.newInstance();
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
      Transformer transformer = factory.newTransformer();
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      transformer.setOutputProperty(OutputKeys.INDENT, "no");
      StringWriter out = new StringWriter();
      transformer.transform(new DOMSource(doc), new StreamResult(out));
      return out.toString();
    } catch (TransformerException e) {
      throw new IllegalStateException("a DOM built here always serializes", e);
    }
  }
}
