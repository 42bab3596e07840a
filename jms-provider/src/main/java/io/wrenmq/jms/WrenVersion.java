package io.wrenmq.jms;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of Wren this jar belongs to, as the build wrote it. */
public final class WrenVersion {
    private static final String VERSION = load();

    private WrenVersion() {
    }

    /** The full version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String get() {
        return VERSION;
    }

    /** The leading number of the version. */
    public static int major() {
        return part(0);
    }

    /** The second number of the version. */
    public static int minor() {
        return part(1);
    }

    private static int part(int index) {
        String[] parts = VERSION.split("[.-]");
        try {
            return parts.length > index ? Integer.parseInt(parts[index]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String load() {
        try (InputStream in = WrenVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.startsWith("$")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through: an unknown version is not worth failing for
        }
        return "0.0.0-unknown";
    }
}
