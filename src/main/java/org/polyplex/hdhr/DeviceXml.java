package org.polyplex.hdhr;

/**
 * {@code device.xml}: the UPnP device description that an SSDP answer's {@code LOCATION} points
 * at, shaped as HDHomeRun devices write it (a {@code MediaServer:1} root device whose serial number
 * is the {@code DeviceID}). Pure.
 */
final class DeviceXml {

    private DeviceXml() {
    }

    static String of(Discover device, DeviceIdentity identity) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <root xmlns="urn:schemas-upnp-org:device-1-0">
                  <specVersion>
                    <major>1</major>
                    <minor>0</minor>
                  </specVersion>
                  <URLBase>%s</URLBase>
                  <device>
                    <deviceType>urn:schemas-upnp-org:device:MediaServer:1</deviceType>
                    <friendlyName>%s</friendlyName>
                    <manufacturer>%s</manufacturer>
                    <modelName>%s</modelName>
                    <modelNumber>%s</modelNumber>
                    <serialNumber>%s</serialNumber>
                    <UDN>uuid:%s</UDN>
                  </device>
                </root>
                """.formatted(escape(device.baseUrl()), escape(device.friendlyName()), escape(device.manufacturer()),
                escape(device.modelNumber()), escape(device.modelNumber()), escape(device.deviceId()), identity.udn());
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    // XML 1.0 has no way to write most control characters: drop them
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
