package io.wrenmq.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ObjectMessage bodies read back through {@link ObjectMessageDeserializer}, under a {@link DeserializationPolicy}. */
class ObjectMessageDeserializerTest {
    private static final String THIS_CLASS = ObjectMessageDeserializerTest.class.getName();

    /** An application's class, in a package nobody allowed. */
    record Payload(String name) implements Serializable {
    }

    /** Stands for a gadget: its readObject is code that runs on deserialization. */
    static final class Gadget implements Serializable {
        private static final long serialVersionUID = 1L;
        static final AtomicBoolean RAN = new AtomicBoolean();

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            RAN.set(true);
        }
    }

    /** A linked structure, serialized recursively: one level of depth per node. */
    static final class Node implements Serializable {
        private static final long serialVersionUID = 1L;
        final Node next;

        Node(Node next) {
            this.next = next;
        }

        static Node chain(int length) {
            Node n = null;
            for (int i = 0; i < length; i++) {
                n = new Node(n);
            }
            return n;
        }
    }

    @BeforeEach
    void resetGadget() {
        Gadget.RAN.set(false);
    }

    private static Serializable read(Serializable object, DeserializationPolicy policy) throws JMSException {
        WrenObjectMessage m = new WrenObjectMessage();
        m.setObject(object);
        m.setDeserializationPolicy(policy);
        return m.getObject();
    }

    private static MessageFormatException refused(Serializable object, DeserializationPolicy policy) {
        return assertThrows(MessageFormatException.class, () -> read(object, policy));
    }

    @Test
    @DisplayName("the JDK's value types, their collections and arrays read back under the standard policy")
    void jdkValueTypesReadBack() throws JMSException {
        HashMap<String, Object> map = new HashMap<>(Map.of("price", new BigDecimal("9.99"),
                "due", LocalDate.of(2024, 1, 31), "lines", new ArrayList<>(List.of(1L, 2L))));
        assertEquals(map, read(map, DeserializationPolicy.standard()));
        assertArrayEquals(new int[][] {{1}, {2, 3}}, (int[][]) read(new int[][] {{1}, {2, 3}},
                DeserializationPolicy.standard()));
        assertArrayEquals(new String[] {"a"}, (String[]) read(new String[] {"a"}, DeserializationPolicy.standard()));
    }

    @Test
    @DisplayName("an application class is refused with MessageFormatException naming it and how to allow it")
    void applicationClassIsRefusedByDefault() {
        MessageFormatException e = refused(new Payload("x"), DeserializationPolicy.standard());
        assertTrue(e.getMessage().contains(Payload.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("deserializationAllowList"), e.getMessage());
        assertTrue(e.getLinkedException() instanceof java.io.InvalidClassException, e.getLinkedException()::toString);
    }

    @Test
    @DisplayName("allowed by package or by class name, an application class reads back")
    void allowedApplicationClassReadsBack() throws JMSException {
        assertEquals(new Payload("x"), read(new Payload("x"), DeserializationPolicy.standard()
                .allowing(ObjectMessageDeserializerTest.class.getPackageName())));
        assertEquals(new Payload("x"), read(new Payload("x"), DeserializationPolicy.standard()
                .allowing(Payload.class.getName())));
        assertEquals(new Payload("x"), read(new Payload("x"), DeserializationPolicy.standard().allowing("*")));
    }

    @Test
    @DisplayName("a refused class nested in an allowed collection or map is still refused, and its code never runs")
    void nestedClassIsChecked() {
        ArrayList<Object> list = new ArrayList<>(List.of("fine", new Gadget()));
        MessageFormatException e = refused(list, DeserializationPolicy.standard());
        assertTrue(e.getMessage().contains(Gadget.class.getName()), e.getMessage());
        refused(new HashMap<>(Map.of("k", List.of(new Gadget()))), DeserializationPolicy.standard());
        assertFalse(Gadget.RAN.get(), "the gadget's readObject ran");
    }

    @Test
    @DisplayName("an array is checked by its element type")
    void arraysAreCheckedByElementType() throws JMSException {
        refused(new Payload[] {new Payload("x")}, DeserializationPolicy.standard());
        refused(new Object[][] {{new Gadget()}}, DeserializationPolicy.standard());
        assertFalse(Gadget.RAN.get());
        Payload[] allowed = (Payload[]) read(new Payload[] {new Payload("x")},
                DeserializationPolicy.standard().allowing(Payload.class.getName()));
        assertEquals(new Payload("x"), allowed[0]);
    }

    @Test
    @DisplayName("the deny-list wins over the allow-list, even over *")
    void denyWinsOverAllow() {
        MessageFormatException e = refused(new Payload("x"), DeserializationPolicy.standard().allowing("*")
                .denying(THIS_CLASS));
        assertTrue(e.getMessage().contains("deny-list"), e.getMessage());
        refused(new ArrayList<>(List.of(1)), DeserializationPolicy.standard().denying("java.util"));
    }

    @Test
    @DisplayName("an object graph nested deeper than the limit is refused; one within it reads back")
    void depthIsLimited() throws JMSException {
        DeserializationPolicy nodes = DeserializationPolicy.standard().allowing(Node.class.getName());
        assertTrue(read(Node.chain(ObjectMessageFilter.MAX_DEPTH / 2), nodes) instanceof Node);
        MessageFormatException e = refused(Node.chain(ObjectMessageFilter.MAX_DEPTH + 10), nodes);
        assertTrue(e.getMessage().contains("deeper"), e.getMessage());
    }

    @Test
    @DisplayName("an array length beyond what the stream can hold is refused before anything is allocated")
    void hugeArrayClaimIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new byte[] {1, 2, 3, 4});
        }
        byte[] stream = bytes.toByteArray();
        // A byte[] ends with its length (4 bytes) and its 4 elements; claim 2^31-1 elements instead.
        int lengthAt = stream.length - 8;
        assertEquals(4, stream[lengthAt + 3]);
        stream[lengthAt] = 0x7f;
        stream[lengthAt + 1] = (byte) 0xff;
        stream[lengthAt + 2] = (byte) 0xff;
        stream[lengthAt + 3] = (byte) 0xff;
        MessageFormatException e = assertThrows(MessageFormatException.class,
                () -> ObjectMessageDeserializer.deserialize(stream, DeserializationPolicy.standard()));
        assertTrue(e.getMessage().contains("array"), e.getMessage());
    }

    @Test
    @DisplayName("classes resolve through the thread's context class loader, and without one through the default")
    void usesTheContextClassLoader() throws JMSException {
        DeserializationPolicy policy = DeserializationPolicy.standard().allowing(Payload.class.getName());
        List<String> asked = new ArrayList<>();
        ClassLoader recording = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                asked.add(name);
                return super.loadClass(name, resolve);
            }
        };
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try {
            thread.setContextClassLoader(recording);
            assertEquals(new Payload("x"), read(new Payload("x"), policy));
            assertTrue(asked.contains(Payload.class.getName()), asked::toString);
            thread.setContextClassLoader(null);
            assertEquals(new Payload("x"), read(new Payload("x"), policy));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
