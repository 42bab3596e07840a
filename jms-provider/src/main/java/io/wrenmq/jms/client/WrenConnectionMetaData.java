package io.wrenmq.jms.client;

import io.wrenmq.jms.WrenVersion;
import jakarta.jms.ConnectionMetaData;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** What {@code Connection.getMetaData()} reports: Jakarta Messaging 3.1, provider Wren. */
final class WrenConnectionMetaData implements ConnectionMetaData {
    static final WrenConnectionMetaData INSTANCE = new WrenConnectionMetaData();

    /** The JMSX properties this provider supports; the first three are required by the specification. */
    private static final List<String> JMSX_PROPERTIES = List.of("JMSXGroupID", "JMSXGroupSeq", "JMSXDeliveryCount");

    @Override
    public String getJMSVersion() {
        return "3.1";
    }

    @Override
    public int getJMSMajorVersion() {
        return 3;
    }

    @Override
    public int getJMSMinorVersion() {
        return 1;
    }

    @Override
    public String getJMSProviderName() {
        return "Wren";
    }

    @Override
    public String getProviderVersion() {
        return WrenVersion.get();
    }

    @Override
    public int getProviderMajorVersion() {
        return WrenVersion.major();
    }

    @Override
    public int getProviderMinorVersion() {
        return WrenVersion.minor();
    }

    @Override
    public Enumeration<String> getJMSXPropertyNames() {
        return Collections.enumeration(JMSX_PROPERTIES);
    }
}
