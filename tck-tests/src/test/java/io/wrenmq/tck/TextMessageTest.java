package io.wrenmq.tck;

import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jakarta Messaging 3.1, section 3.11 and the TextMessage javadoc: a body that is a String. */
@DisplayName("TextMessage (spec 3.11)")
class TextMessageTest extends MessageTestSupport {

    private String roundTripText(String text) throws Exception {
        return roundTrip(session.createTextMessage(text), TextMessage.class).getText();
    }

    @Test
    @DisplayName("the text arrives intact: ASCII, any Unicode including supplementary characters, empty")
    void textArrivesIntact() throws Exception {
        assertEquals("hello", roundTripText("hello"));
        String unicode = "grüße, 日本語, emoji 😀, nul \u0000, bidi \u202e";
        assertEquals(unicode, roundTripText(unicode));
        assertEquals("", roundTripText(""), "an empty text is not a null text");
    }

    @Test
    @DisplayName("a text of a megabyte arrives intact")
    void largeTextArrivesIntact() throws Exception {
        StringBuilder b = new StringBuilder(1 << 20);
        for (int i = 0; b.length() < (1 << 20); i++) {
            b.append(i).append(',');
        }
        String text = b.toString();
        assertEquals(text, roundTripText(text));
    }

    @Test
    @DisplayName("a null text arrives as null, and is no body for getBody")
    void nullTextArrivesAsNull() throws Exception {
        TextMessage received = roundTrip(session.createTextMessage(), TextMessage.class);
        assertNull(received.getText());
        assertNull(received.getBody(Integer.class), "no body: any type, null");
        assertTrue(received.isBodyAssignableTo(Integer.class));
    }

    @Test
    @DisplayName("setText on a received message: MessageNotWriteableException until clearBody")
    void receivedBodyIsReadOnlyUntilClearBody() throws Exception {
        TextMessage received = roundTrip(session.createTextMessage("original"), TextMessage.class);
        assertThrows(MessageNotWriteableException.class, () -> received.setText("changed"));
        assertEquals("original", received.getText());

        received.clearBody();
        assertNull(received.getText(), "clearBody leaves the body as in a new message");
        received.setText("changed");
        assertEquals("changed", received.getText());
    }

    @Test
    @DisplayName("clearBody and clearProperties each clear their own part only")
    void clearBodyAndClearPropertiesAreIndependent() throws Exception {
        TextMessage m = session.createTextMessage("body");
        m.setStringProperty("p", "property");
        TextMessage received = roundTrip(m, TextMessage.class);

        received.clearBody();
        assertEquals("property", received.getStringProperty("p"), "clearBody keeps the properties");
        assertThrows(MessageNotWriteableException.class, () -> received.setStringProperty("p", "x"),
                "clearBody does not make the properties writable");

        TextMessage other = roundTrip(m, TextMessage.class);
        other.clearProperties();
        assertEquals("body", other.getText(), "clearProperties keeps the body");
        assertThrows(MessageNotWriteableException.class, () -> other.setText("x"),
                "clearProperties does not make the body writable");
    }

    @Test
    @DisplayName("getBody gives the String for String and its supertypes; another type: MessageFormatException")
    void getBodyGivesTheString() throws Exception {
        TextMessage received = roundTrip(session.createTextMessage("text"), TextMessage.class);
        assertEquals("text", received.getBody(String.class));
        assertEquals("text", received.getBody(CharSequence.class));
        assertEquals("text", received.getBody(Object.class));
        assertThrows(MessageFormatException.class, () -> received.getBody(Integer.class));
        assertThrows(MessageFormatException.class, () -> received.getBody(byte[].class));
        assertTrue(received.isBodyAssignableTo(String.class));
        assertTrue(received.isBodyAssignableTo(Object.class));
        assertFalse(received.isBodyAssignableTo(Integer.class));
    }
}
