package io.wrenmq.samples;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The queue producer again, written as a portable JMS application is: it names no class of any provider and finds
 * its connection factory and queue in JNDI. Which provider it talks to, and where, is all in
 * {@code jndi.properties}: the one in this jar, or the file given with {@code --jndi}. The same program runs
 * against Artemis or ActiveMQ with their {@code jndi.properties} and their client jar on the classpath.
 *
 * <pre>java -jar wren-samples.jar jndi-producer [--jndi FILE] [--connection-factory ConnectionFactory]
 *     [--destination exampleQueue] [--count 10]</pre>
 */
public final class JndiProducer {

    private JndiProducer() {
    }

    public static void main(String[] args) throws Exception {
        Options opts = new Options(args);
        String factoryName = opts.get("connection-factory", "ConnectionFactory");
        String destinationName = opts.get("destination", "exampleQueue");
        int count = opts.getInt("count", 10);

        ConnectionFactory cf;
        Destination destination;
        try {
            Context jndi = new InitialContext(JndiEnvironment.load(opts.get("jndi", null)));
            try {
                cf = (ConnectionFactory) jndi.lookup(factoryName);
                destination = (Destination) jndi.lookup(destinationName);
            } finally {
                jndi.close();
            }
        } catch (NamingException e) {
            throw new IllegalStateException("JNDI lookup failed: " + e
                    + " (check java.naming.factory.initial, the names in jndi.properties and the classpath)", e);
        }

        try (Connection connection = cf.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(destination);
            for (int i = 1; i <= count; i++) {
                TextMessage message = session.createTextMessage("message " + i + " of " + count + " (via JNDI)");
                producer.send(message);
                System.out.println("Sent to " + destination + ": " + message.getText());
            }
            System.out.println("Done: " + count + " messages sent to " + destinationName + " through "
                    + cf.getClass().getName() + " found in JNDI as " + factoryName);
        }
    }
}
