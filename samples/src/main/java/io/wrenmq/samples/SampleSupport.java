package io.wrenmq.samples;

import io.wrenmq.jms.WrenConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;

import java.util.HashMap;
import java.util.Map;

/**
 * What the samples share: reading {@code --name value} arguments, and connecting with a little patience so that a
 * sample started together with the broker waits for it instead of failing.
 */
final class SampleSupport {
    private final Map<String, String> options = new HashMap<>();

    SampleSupport(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            String key = a.substring(2);
            int eq = key.indexOf('=');
            if (eq >= 0) {
                options.put(key.substring(0, eq), key.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.put(key, args[++i]);
            } else {
                options.put(key, "true");
            }
        }
    }

    String get(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }

    int getInt(String key, int fallback) {
        return Integer.parseInt(get(key, String.valueOf(fallback)));
    }

    String url() {
        return get("url", WrenConnectionFactory.DEFAULT_URL);
    }

    /** Connects to {@link #url()}, retrying for up to {@code --wait} seconds (default 30) while the broker starts. */
    Connection connect() throws JMSException, InterruptedException {
        ConnectionFactory cf = new WrenConnectionFactory(url());
        long deadline = System.nanoTime() + getInt("wait", 30) * 1_000_000_000L;
        boolean told = false;
        while (true) {
            try {
                return cf.createConnection();
            } catch (JMSException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                if (!told) {
                    System.out.println("Waiting for the broker at " + url() + " ...");
                    told = true;
                }
                Thread.sleep(500);
            }
        }
    }
}
