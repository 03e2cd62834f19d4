package org.polyplex.hdhr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class DeviceXmlTest {

    @Test
    void shouldWriteAWellFormedUpnpDescriptionWithEscapedNames() throws Exception {
        DeviceIdentity identity = DeviceIdentity.of("polyplex", "a&b");
        Discover device = new Discover("Polyplex <a&b>", Discover.MANUFACTURER, Discover.MODEL, Discover.FIRMWARE_NAME,
                Discover.FIRMWARE_VERSION, identity.deviceId(), identity.deviceAuth(),
                "http://tv.example:8080/hdhr/a%26b/p%3Cw", "http://tv.example:8080/hdhr/a%26b/p%3Cw/lineup.json", 2);

        String xml = DeviceXml.of(device, identity);

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        String ns = "urn:schemas-upnp-org:device-1-0";
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(ns);
        assertThat(text(doc, ns, "deviceType")).isEqualTo("urn:schemas-upnp-org:device:MediaServer:1");
        assertThat(text(doc, ns, "friendlyName")).isEqualTo("Polyplex <a&b>");
        assertThat(text(doc, ns, "URLBase")).isEqualTo(device.baseUrl());
        assertThat(text(doc, ns, "serialNumber")).isEqualTo(identity.deviceId());
        assertThat(text(doc, ns, "UDN")).isEqualTo("uuid:" + identity.udn());
    }

    private static String text(Document doc, String ns, String name) {
        return doc.getElementsByTagNameNS(ns, name).item(0).getTextContent();
    }
}
