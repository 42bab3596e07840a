package io.wrenmq.jms.message;

import java.io.ObjectInputFilter;

/**
 * The {@link ObjectInputFilter} on the stream of one ObjectMessage body: every class the stream names (the object's,
 * its fields', its superclasses', an array's element type, a dynamic proxy's) must be allowed by the
 * {@link DeserializationPolicy}, and the graph must stay within limits that no genuine payload comes near:
 *
 * <ul>
 * <li>an array or collection holds at most twice as many elements as the stream has bytes (each element takes at
 *     least a byte), so a few bytes cannot claim a huge allocation;</li>
 * <li>objects nest at most {@value #MAX_DEPTH} deep.</li>
 * </ul>
 *
 * Bytes and references need no limit of their own: the stream is a message body, already bounded by the broker's
 * frame size. Remembers why it refused, for the exception's message; one instance per stream, not thread-safe.
 */
final class ObjectMessageFilter implements ObjectInputFilter {
    static final int MAX_DEPTH = 100;

    private final DeserializationPolicy policy;
    private final long maxArrayLength;
    private String refusal;

    ObjectMessageFilter(DeserializationPolicy policy, int streamLength) {
        this.policy = policy;
        this.maxArrayLength = 2L * streamLength;
    }

    @Override
    public Status checkInput(FilterInfo info) {
        if (info.depth() > MAX_DEPTH) {
            return refuse("the object graph nests deeper than " + MAX_DEPTH + " levels");
        }
        if (info.arrayLength() > maxArrayLength) {
            return refuse("an array of " + info.arrayLength() + " elements is longer than a stream of "
                    + maxArrayLength / 2 + " bytes can hold");
        }
        Class<?> type = info.serialClass();
        if (type == null) {
            return Status.UNDECIDED;
        }
        String why = policy.refusal(type.getName());
        return why == null ? Status.ALLOWED : refuse(why);
    }

    /** Also for {@code resolveClass}, which checks a name before loading the class. */
    boolean allows(String className) {
        String why = policy.refusal(className);
        if (why != null) {
            refuse(why);
        }
        return why == null;
    }

    private Status refuse(String why) {
        if (refusal == null) {
            refusal = why;
        }
        return Status.REJECTED;
    }

    /** Why the stream was refused, or null if it was not. */
    String refusal() {
        return refusal;
    }
}
