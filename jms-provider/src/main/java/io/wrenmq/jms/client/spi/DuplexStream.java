package io.wrenmq.jms.client.spi;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One connection to a broker as a pair of byte streams: the frames the broker sends come out of {@link #input()},
 * the client's frames go into {@link #output()}. A TCP socket is one; an in-VM connection is another.
 *
 * <p>The client reads on one thread and writes on others, one writer at a time. {@link #close()} may be called
 * more than once, from any thread, and makes a blocked read end (with end of stream or an {@link IOException}).
 */
public interface DuplexStream extends Closeable {

    /** What the broker sends; end of stream when the connection is over. */
    InputStream input() throws IOException;

    /** What the client sends; a write blocks while the broker cannot take more. */
    OutputStream output() throws IOException;

    /** Ends the client's side: the broker reads what was written before, then end of stream. */
    void shutdownOutput() throws IOException;

    /** The broker's address, for log lines. */
    @Override
    String toString();
}
