package io.wrenmq.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked big-endian reads over a byte array, for encoded messages. Every read that would run past the end,
 * and every negative or oversized length, throws {@link MalformedMessageException}: hostile input never becomes an
 * {@code ArrayIndexOutOfBoundsException} or a huge allocation. Not thread-safe.
 */
public final class ByteReader {
    private final byte[] b;
    private final int end;
    private int pos;

    public ByteReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    public ByteReader(byte[] bytes, int from, int to) {
        this.b = bytes;
        this.pos = from;
        this.end = to;
    }

    public int position() {
        return pos;
    }

    public void position(int p) {
        pos = p;
    }

    public int remaining() {
        return end - pos;
    }

    private void need(int n) {
        if (n < 0 || n > end - pos) {
            throw new MalformedMessageException("truncated: needs " + n + " bytes at offset " + pos + ", has "
                    + (end - pos));
        }
    }

    public int u8() {
        need(1);
        return b[pos++] & 0xff;
    }

    public byte i8() {
        need(1);
        return b[pos++];
    }

    public short i16() {
        need(2);
        short v = (short) (((b[pos] & 0xff) << 8) | (b[pos + 1] & 0xff));
        pos += 2;
        return v;
    }

    public char u16() {
        return (char) i16();
    }

    public int i32() {
        need(4);
        int v = ((b[pos] & 0xff) << 24) | ((b[pos + 1] & 0xff) << 16) | ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    public long i64() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[pos + i] & 0xff);
        }
        pos += 8;
        return v;
    }

    public boolean bool() {
        int v = u8();
        if (v > 1) {
            throw new MalformedMessageException("boolean byte " + v + " at offset " + (pos - 1));
        }
        return v == 1;
    }

    /** A length prefix that must fit what is left; -1 allowed when {@code nullable}. */
    public int length(boolean nullable) {
        int n = i32();
        if (n == -1 && nullable) {
            return -1;
        }
        if (n < 0 || n > end - pos) {
            throw new MalformedMessageException("length " + n + " at offset " + (pos - 4) + " does not fit the "
                    + (end - pos) + " bytes left");
        }
        return n;
    }

    public String str() {
        int n = length(true);
        if (n < 0) {
            return null;
        }
        String s = new String(b, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    public void skipStr() {
        int n = length(true);
        if (n > 0) {
            pos += n;
        }
    }

    public byte[] bytes() {
        int n = length(false);
        byte[] out = new byte[n];
        System.arraycopy(b, pos, out, 0, n);
        pos += n;
        return out;
    }

    public byte[] raw(int n) {
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(b, pos, out, 0, n);
        pos += n;
        return out;
    }

    public void skip(int n) {
        need(n);
        pos += n;
    }

    /**
     * Reads a tagged value: boxed primitives, Character, String, byte[] or null.
     *
     * @param maxTag the highest tag allowed here (8 for properties, 10 for map and stream bodies)
     */
    public Object value(int maxTag) {
        int tag = u8();
        if (tag > maxTag) {
            throw new MalformedMessageException("unknown value tag " + tag + " at offset " + (pos - 1));
        }
        return switch (tag) {
            case MessageLayout.TAG_NULL -> null;
            case MessageLayout.TAG_BOOLEAN -> bool();
            case MessageLayout.TAG_BYTE -> i8();
            case MessageLayout.TAG_SHORT -> i16();
            case MessageLayout.TAG_INT -> i32();
            case MessageLayout.TAG_LONG -> i64();
            case MessageLayout.TAG_FLOAT -> Float.intBitsToFloat(i32());
            case MessageLayout.TAG_DOUBLE -> Double.longBitsToDouble(i64());
            case MessageLayout.TAG_STRING -> str();
            case MessageLayout.TAG_CHAR -> u16();
            case MessageLayout.TAG_BYTES -> bytes();
            default -> throw new MalformedMessageException("unknown value tag " + tag);
        };
    }

    /** Skips a tagged value after checking it, as {@link #value} would read it. */
    public void skipValue(int maxTag) {
        int tag = u8();
        if (tag > maxTag) {
            throw new MalformedMessageException("unknown value tag " + tag + " at offset " + (pos - 1));
        }
        switch (tag) {
            case MessageLayout.TAG_NULL -> {
            }
            case MessageLayout.TAG_BOOLEAN -> bool();
            case MessageLayout.TAG_BYTE -> skip(1);
            case MessageLayout.TAG_SHORT, MessageLayout.TAG_CHAR -> skip(2);
            case MessageLayout.TAG_INT, MessageLayout.TAG_FLOAT -> skip(4);
            case MessageLayout.TAG_LONG, MessageLayout.TAG_DOUBLE -> skip(8);
            case MessageLayout.TAG_STRING -> skipStr();
            case MessageLayout.TAG_BYTES -> skip(length(false));
            default -> throw new MalformedMessageException("unknown value tag " + tag);
        }
    }
}
