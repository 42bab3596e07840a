package io.wrenmq.jms.message;

import io.wrenmq.protocol.ByteReader;
import io.wrenmq.protocol.ByteWriter;
import io.wrenmq.protocol.MessageLayout;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.TextMessage;

import java.nio.charset.StandardCharsets;

/** A message whose body is a String (possibly null). */
public class WrenTextMessage extends WrenMessage implements TextMessage {
    private String text;

    public WrenTextMessage() {
    }

    @Override
    public void setText(String value) throws JMSException {
        checkBodyWritable();
        text = value;
    }

    @Override
    public String getText() {
        return text;
    }

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        text = null;
    }

    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        if (text == null) {
            return null;
        }
        if (!c.isAssignableFrom(String.class)) {
            throw new MessageFormatException("the body of a TextMessage is a String, not a " + c.getName());
        }
        return c.cast(text);
    }

    @Override
    public boolean isBodyAssignableTo(@SuppressWarnings("rawtypes") Class c) {
        return text == null || c.isAssignableFrom(String.class);
    }

    @Override
    int bodyType() {
        return MessageLayout.BODY_TEXT;
    }

    @Override
    int bodySizeHint() {
        return text == null ? 0 : text.length() + 16;
    }

    @Override
    boolean bodyIsNull() {
        return text == null;
    }

    @Override
    void writeBody(ByteWriter w) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        w.raw(utf8, 0, utf8.length);
    }

    @Override
    void readBody(ByteReader r, int length) {
        text = length < 0 ? null : new String(r.raw(length), StandardCharsets.UTF_8);
    }
}
