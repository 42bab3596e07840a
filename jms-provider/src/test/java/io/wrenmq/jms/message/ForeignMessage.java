package io.wrenmq.jms.message;

import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;

import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Messages and destinations of another JMS provider, made with {@link Proxy}: they answer only the getters a
 * sender's provider may call, and fail on any other method, so a test sees exactly what {@code copyOf} relies on.
 */
final class ForeignMessage {
    static final String NON_ASCII = "Grüße, 世界 \uD83D\uDE00";

    /** How a fake answers what is particular to its body type. */
    @FunctionalInterface
    interface Body {
        Object answer(String method, Object[] args) throws Exception;
    }

    private ForeignMessage() {
    }

    /** Header getters by method name, with a value in every field. */
    static Map<String, Object> headers() {
        Map<String, Object> h = new HashMap<>();
        h.put("getJMSMessageID", "ID:other-provider-17");
        h.put("getJMSTimestamp", 1_600_000_000_000L);
        h.put("getJMSCorrelationID", "corr-" + NON_ASCII);
        h.put("getJMSCorrelationIDAsBytes", ("corr-" + NON_ASCII).getBytes(StandardCharsets.UTF_8));
        h.put("getJMSDestination", destination(Queue.class, "other-orders"));
        h.put("getJMSReplyTo", destination(TemporaryTopic.class, "other-reply"));
        h.put("getJMSDeliveryMode", DeliveryMode.NON_PERSISTENT);
        h.put("getJMSRedelivered", false);
        h.put("getJMSType", "other.type");
        h.put("getJMSExpiration", 1_600_000_100_000L);
        h.put("getJMSDeliveryTime", 1_600_000_000_500L);
        h.put("getJMSPriority", 2);
        return h;
    }

    /** A property of each type a property may have. */
    static Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("aBoolean", true);
        p.put("aByte", (byte) -1);
        p.put("aShort", (short) 300);
        p.put("anInt", 70_000);
        p.put("aLong", Long.MIN_VALUE);
        p.put("aFloat", 1.5f);
        p.put("aDouble", Double.MAX_VALUE);
        p.put("aString", NON_ASCII);
        p.put("JMSXGroupID", "group-1");
        return p;
    }

    static Message plain(Map<String, Object> headers) {
        return message(Message.class, headers, (method, args) -> unsupported(method));
    }

    static TextMessage text(String text) {
        return message(TextMessage.class, headers(), (method, args) -> switch (method) {
            case "getText" -> text;
            default -> unsupported(method);
        });
    }

    static ObjectMessage object(Serializable object) {
        return message(ObjectMessage.class, headers(), (method, args) -> switch (method) {
            case "getObject" -> object;
            default -> unsupported(method);
        });
    }

    static MapMessage map(Map<String, Object> entries) {
        return message(MapMessage.class, headers(), (method, args) -> switch (method) {
            case "getMapNames" -> Collections.enumeration(entries.keySet());
            case "getObject" -> entries.get((String) args[0]);
            default -> unsupported(method);
        });
    }

    /** A body in read mode after {@code reset()}, as the spec has a provider read a foreign BytesMessage. */
    static BytesMessage bytes(byte[] content) {
        int[] position = {-1}; // -1: write-only until reset()
        return message(BytesMessage.class, headers(), (method, args) -> switch (method) {
            case "reset" -> {
                position[0] = 0;
                yield null;
            }
            case "getBodyLength" -> {
                requireReset(position[0]);
                yield (long) content.length;
            }
            case "readBytes" -> {
                requireReset(position[0]);
                if (args.length != 1) {
                    yield unsupported("readBytes(byte[], int)");
                }
                byte[] into = (byte[]) args[0];
                int n = Math.min(into.length, content.length - position[0]);
                System.arraycopy(content, position[0], into, 0, n);
                position[0] += n;
                yield n == 0 && into.length > 0 ? -1 : n;
            }
            default -> unsupported(method);
        });
    }

    static StreamMessage stream(List<Object> values) {
        List<Iterator<Object>> reading = new ArrayList<>(List.of(Collections.emptyIterator()));
        return message(StreamMessage.class, headers(), (method, args) -> switch (method) {
            case "reset" -> {
                reading.set(0, values.iterator());
                yield null;
            }
            case "readObject" -> {
                if (!reading.get(0).hasNext()) {
                    throw new MessageEOFException("end of the stream");
                }
                yield reading.get(0).next();
            }
            default -> unsupported(method);
        });
    }

    static <T extends Message> T message(Class<T> type, Map<String, Object> headers, Body body) {
        Map<String, Object> properties = properties();
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (headers.containsKey(name)) {
                return headers.get(name);
            }
            return switch (name) {
                case "getPropertyNames" -> Collections.enumeration(properties.keySet());
                case "getObjectProperty" -> properties.get((String) args[0]);
                case "toString" -> "foreign " + type.getSimpleName();
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> body.answer(name, args == null ? new Object[0] : args);
            };
        };
        return type.cast(Proxy.newProxyInstance(ForeignMessage.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }

    /** A queue, topic or temporary one of another provider, or a destination that is neither when given Destination. */
    static <T extends Destination> T destination(Class<T> type, String name) {
        InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
            case "getQueueName", "getTopicName" -> name;
            case "toString" -> "foreign " + type.getSimpleName() + " " + name;
            case "hashCode" -> name.hashCode();
            case "equals" -> proxy == args[0];
            default -> unsupported(method.getName());
        };
        return type.cast(Proxy.newProxyInstance(ForeignMessage.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }

    private static void requireReset(int position) throws MessageNotReadableException {
        if (position < 0) {
            throw new MessageNotReadableException("a BytesMessage is read only after reset()");
        }
    }

    private static Object unsupported(String method) {
        throw new UnsupportedOperationException("the fake foreign message does not answer " + method);
    }
}
