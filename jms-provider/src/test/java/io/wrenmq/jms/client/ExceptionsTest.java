package io.wrenmq.jms.client;

import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageNotWriteableRuntimeException;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.ResourceAllocationRuntimeException;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.TransactionRolledBackRuntimeException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The pairs of checked and unchecked exceptions the simplified API's javadoc names. */
@DisplayName("Exceptions: checked to unchecked")
class ExceptionsTest {

    private static Arguments pair(BiFunction<String, String, JMSException> checked,
                                  Class<? extends JMSRuntimeException> unchecked) {
        return Arguments.of(checked.apply("what happened", "CODE-1"), unchecked);
    }

    static Stream<Arguments> pairs() {
        return Stream.of(
                pair(IllegalStateException::new, IllegalStateRuntimeException.class),
                pair(InvalidClientIDException::new, InvalidClientIDRuntimeException.class),
                pair(InvalidDestinationException::new, InvalidDestinationRuntimeException.class),
                pair(InvalidSelectorException::new, InvalidSelectorRuntimeException.class),
                pair(JMSSecurityException::new, JMSSecurityRuntimeException.class),
                pair(MessageFormatException::new, MessageFormatRuntimeException.class),
                pair(MessageNotWriteableException::new, MessageNotWriteableRuntimeException.class),
                pair(ResourceAllocationException::new, ResourceAllocationRuntimeException.class),
                pair(TransactionInProgressException::new, TransactionInProgressRuntimeException.class),
                pair(TransactionRolledBackException::new, TransactionRolledBackRuntimeException.class),
                pair(JMSException::new, JMSRuntimeException.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    @DisplayName("each checked exception becomes its counterpart, keeping message, error code and cause")
    void eachCheckedExceptionBecomesItsCounterpart(JMSException checked,
                                                   Class<? extends JMSRuntimeException> expected) {
        JMSRuntimeException r = Exceptions.unchecked(checked);
        assertEquals(expected, r.getClass());
        assertEquals("what happened", r.getMessage());
        assertEquals("CODE-1", r.getErrorCode());
        assertSame(checked, r.getCause());
    }

    @Test
    @DisplayName("a JMSException subclass the API has no counterpart for becomes a plain JMSRuntimeException")
    void unknownSubclassBecomesJMSRuntimeException() {
        JMSException own = new JMSException("other") {
        };
        assertEquals(JMSRuntimeException.class, Exceptions.unchecked(own).getClass());
    }

    @Test
    @DisplayName("call and run pass results through and turn a JMSException into its counterpart")
    void callAndRunTranslate() {
        assertEquals("value", Exceptions.call(() -> "value"));
        InvalidDestinationException thrown = new InvalidDestinationException("no such queue");
        InvalidDestinationRuntimeException r = assertThrows(InvalidDestinationRuntimeException.class,
                () -> Exceptions.run(() -> {
                    throw thrown;
                }));
        assertSame(thrown, r.getCause());
    }
}
