package io.wrenmq.broker;

import io.wrenmq.persistence.MessageStore;
import io.wrenmq.protocol.Frame;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker never deserializes a message body nor makes an object of a class named by its input (what
 * CVE-2023-46604 did in ActiveMQ's OpenWire, and CVE-2015-5254 with ObjectMessage bodies). Checked on the compiled
 * code: no class of the broker, the store or the wire protocol refers to Java deserialization or to reflective
 * class loading and instantiation. Code that needs one of them must first explain here why it is safe.
 */
class NoClassNamesFromTheWireTest {
    /** Names as they appear in a class file's constant pool when the code uses them. */
    private static final List<String> FORBIDDEN = List.of("java/io/ObjectInputStream", "forName", "loadClass",
            "newInstance", "getConstructor", "getDeclaredConstructor");

    @Test
    @DisplayName("no broker, store or protocol class deserializes, loads a class by name or instantiates by reflection")
    void noReflectiveInstantiationOrDeserialization() throws Exception {
        List<String> offences = new ArrayList<>();
        int scanned = scan(WrenBroker.class, "io/wrenmq/broker/", offences)
                + scan(MessageStore.class, "io/wrenmq/persistence/", offences)
                + scan(Frame.class, "io/wrenmq/protocol/", offences);
        assertTrue(scanned > 50, "found only " + scanned + " classes to check");
        assertEquals(List.of(), offences);
    }

    /** Checks the classes under {@code prefix} in the directory or jar {@code anchor} was loaded from. */
    private static int scan(Class<?> anchor, String prefix, List<String> offences)
            throws IOException, URISyntaxException {
        Path source = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(source)) {
            return scanTree(source.resolve(prefix), offences);
        }
        try (FileSystem jar = FileSystems.newFileSystem(source)) {
            return scanTree(jar.getPath(prefix), offences);
        }
    }

    private static int scanTree(Path root, List<String> offences) throws IOException {
        List<Path> classes;
        try (Stream<Path> files = Files.walk(root)) {
            classes = files.filter(p -> p.toString().endsWith(".class")).toList();
        }
        for (Path c : classes) {
            // Constant-pool names are (modified) UTF-8, so ASCII names can be found in the raw bytes.
            String bytes = new String(Files.readAllBytes(c), StandardCharsets.ISO_8859_1);
            for (String name : FORBIDDEN) {
                if (bytes.contains(name)) {
                    offences.add(c + " uses " + name);
                }
            }
        }
        return classes.size();
    }
}
