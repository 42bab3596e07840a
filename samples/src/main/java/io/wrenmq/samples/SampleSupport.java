package io.wrenmq.samples;

import io.wrenmq.jms.WrenConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

/**
 * What the Wren samples share: their options, the broker URL, and connecting with a little patience so that a
 * sample started together with the broker waits for it instead of failing.
 */
final class SampleSupport {
    private final Options options;

    SampleSupport(String[] args) {
        this.options = new Options(args);
    }

    String get(String key, String fallback) {
        return options.get(key, fallback);
    }

    int getInt(String key, int fallback) {
        return options.getInt(key, fallback);
    }

    boolean getBoolean(String key, boolean fallback) {
        return options.getBoolean(key, fallback);
    }

    String url() {
        return get("url", WrenConnectionFactory.DEFAULT_URL);
    }

    /** Connects to {@link #url()}, retrying for up to {@code --wait} seconds (default 30) while the broker starts. */
    Connection connect() throws JMSException, InterruptedException {
        return connect(null);
    }

    /** As {@link #connect()}, the connection carrying {@code clientId} (needed for a durable subscription). */
    Connection connect(String clientId) throws JMSException, InterruptedException {
        WrenConnectionFactory cf = new WrenConnectionFactory(url());
        Connection connection = connectPatiently(cf, url(), getInt("wait", 30));
        if (clientId != null) {
            connection.setClientID(clientId);
        }
        return connection;
    }

    /** Creates a connection from {@code cf}, retrying every half second for up to {@code waitSeconds}. */
    static Connection connectPatiently(ConnectionFactory cf, String where, int waitSeconds)
            throws JMSException, InterruptedException {
        long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        boolean told = false;
        while (true) {
            try {
                return cf.createConnection();
            } catch (JMSException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                if (!told) {
                    System.out.println("Waiting for the broker at " + where + " ...");
                    told = true;
                }
                Thread.sleep(500);
            }
        }
    }

    /** The text of a TextMessage, or a description of any other kind, for printing. */
    static String describe(Message message) throws JMSException {
        return message instanceof TextMessage t ? t.getText() : message.toString();
    }
}
