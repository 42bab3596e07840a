package io.wrenmq.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable big-endian byte array for encoding messages; the counterpart of {@link ByteReader}. Not thread-safe. */
public final class ByteWriter {
    private byte[] b;
    private int pos;

    public ByteWriter(int initialCapacity) {
        b = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int n) {
        if (pos + n > b.length) {
            b = Arrays.copyOf(b, Math.max(b.length * 2, pos + n));
        }
    }

    public int position() {
        return pos;
    }

    public ByteWriter u8(int v) {
        ensure(1);
        b[pos++] = (byte) v;
        return this;
    }

    public ByteWriter i16(int v) {
        ensure(2);
        b[pos++] = (byte) (v >>> 8);
        b[pos++] = (byte) v;
        return this;
    }

    public ByteWriter i32(int v) {
        ensure(4);
        putInt(pos, v);
        pos += 4;
        return this;
    }

    /** Overwrites four bytes already written, e.g. a length reserved before its content. */
    public void putInt(int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    public ByteWriter i64(long v) {
        ensure(8);
        for (int i = 7; i >= 0; i--) {
            b[pos + i] = (byte) v;
            v >>>= 8;
        }
        pos += 8;
        return this;
    }

    public ByteWriter str(String s) {
        if (s == null) {
            return i32(-1);
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        i32(utf8.length);
        return raw(utf8, 0, utf8.length);
    }

    public ByteWriter bytes(byte[] v) {
        i32(v.length);
        return raw(v, 0, v.length);
    }

    public ByteWriter raw(byte[] v, int off, int len) {
        ensure(len);
        System.arraycopy(v, off, b, pos, len);
        pos += len;
        return this;
    }

    /**
     * Writes a tagged value.
     *
     * @throws IllegalArgumentException for a type the layout has no tag for
     */
    public ByteWriter value(Object v) {
        if (v == null) {
            return u8(MessageLayout.TAG_NULL);
        } else if (v instanceof Boolean x) {
            return u8(MessageLayout.TAG_BOOLEAN).u8(x ? 1 : 0);
        } else if (v instanceof Byte x) {
            return u8(MessageLayout.TAG_BYTE).u8(x);
        } else if (v instanceof Short x) {
            return u8(MessageLayout.TAG_SHORT).i16(x);
        } else if (v instanceof Integer x) {
            return u8(MessageLayout.TAG_INT).i32(x);
        } else if (v instanceof Long x) {
            return u8(MessageLayout.TAG_LONG).i64(x);
        } else if (v instanceof Float x) {
            return u8(MessageLayout.TAG_FLOAT).i32(Float.floatToRawIntBits(x));
        } else if (v instanceof Double x) {
            return u8(MessageLayout.TAG_DOUBLE).i64(Double.doubleToRawLongBits(x));
        } else if (v instanceof String x) {
            return u8(MessageLayout.TAG_STRING).str(x);
        } else if (v instanceof Character x) {
            return u8(MessageLayout.TAG_CHAR).i16(x);
        } else if (v instanceof byte[] x) {
            return u8(MessageLayout.TAG_BYTES).bytes(x);
        }
        throw new IllegalArgumentException("no wire type for " + v.getClass().getName());
    }

    /** A copy of what was written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(b, pos);
    }
}
