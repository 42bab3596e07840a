package io.wrenmq.tck;

import io.wrenmq.jms.WrenConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

/**
 * The client that {@link RobustnessTest} kills: run in a JVM of its own, it receives messages in a
 * CLIENT_ACKNOWLEDGE session without acknowledging them, prints {@code HOLDING n} and waits to be killed.
 *
 * <p>Arguments: broker URL, queue name, number of messages. If its parent goes away first, its standard input ends
 * and so does it.
 */
public final class HoldingClient {
    static final String HOLDING = "HOLDING ";

    private HoldingClient() {
    }

    public static void main(String[] args) throws Exception {
        Connection c = new WrenConnectionFactory(args[0]).createConnection();
        c.start();
        Session s = c.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(s.createQueue(args[1]));
        int count = Integer.parseInt(args[2]);
        for (int i = 0; i < count; i++) {
            if (consumer.receive(30_000) == null) {
                System.out.println("MISSING message " + i);
                System.exit(1);
            }
        }
        System.out.println(HOLDING + count);
        System.out.flush();
        while (System.in.read() >= 0) {
            // Waiting to be killed.
        }
        System.exit(0);
    }
}
