package io.wrenmq.samples;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import java.util.Locale;

/**
 * One step of a pipeline, done in a local transaction: receive an order from one queue, turn it into an invoice
 * line, send that to the next queue, commit. The receive and the send commit together: a crash or a rollback in
 * between leaves the order in its queue and no invoice line behind, so nothing is lost or done twice.
 *
 * <p>A bad order (one that does not parse) makes the step roll back; the broker redelivers it flagged
 * {@code JMSRedelivered}. A message that fails every time would come back forever (a "poison message"), so after
 * {@code --max-attempts} the step moves it to a queue of rejects, also in a transaction.
 *
 * <p>Unless {@code --no-seed}, the sample first puts a few orders (one of them bad) on the input queue, and at the
 * end prints what the next step would find on the output queues.
 *
 * <pre>java -jar wren-samples.jar transacted-pipeline [--url tcp://localhost:61700] [--in orders]
 *     [--out invoices] [--rejects orders.rejected] [--max-attempts 2] [--idle-seconds 2] [--no-seed]</pre>
 */
public final class TransactedPipeline {
    private static final String[] SEED_ORDERS = {"apples,3,0.50", "pears,2,0.80", "plums,many,0.30", "figs,6,1.10"};

    private TransactedPipeline() {
    }

    public static void main(String[] args) throws Exception {
        SampleSupport opts = new SampleSupport(args);
        String in = opts.get("in", "orders");
        String out = opts.get("out", "invoices");
        String rejects = opts.get("rejects", "orders.rejected");
        int maxAttempts = opts.getInt("max-attempts", 2);
        long idleMillis = opts.getInt("idle-seconds", 2) * 1000L;
        try (Connection connection = opts.connect()) {
            connection.start();
            if (!opts.getBoolean("no-seed", false)) {
                seed(connection, in);
            }
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer orders = session.createConsumer(session.createQueue(in));
            MessageProducer invoices = session.createProducer(session.createQueue(out));
            MessageProducer rejected = session.createProducer(session.createQueue(rejects));
            int done = 0;
            int failed = 0;
            Message message;
            while ((message = orders.receive(idleMillis)) != null) {
                String order = SampleSupport.describe(message);
                int attempt = message.getIntProperty("JMSXDeliveryCount");
                try {
                    TextMessage invoice = session.createTextMessage(invoiceLine(order));
                    invoices.send(invoice);
                    session.commit();
                    done++;
                    System.out.println("Committed: '" + order + "' -> '" + invoice.getText() + "'");
                } catch (IllegalArgumentException bad) {
                    if (attempt < maxAttempts) {
                        session.rollback();
                        System.out.println("Rolled back (attempt " + attempt + " of " + maxAttempts + "): '" + order
                                + "': " + bad.getMessage() + "; the order goes back to queue " + in);
                    } else {
                        TextMessage reject = session.createTextMessage(order);
                        reject.setStringProperty("rejectReason", bad.getMessage());
                        rejected.send(reject);
                        session.commit();
                        failed++;
                        System.out.println("Rejected after " + attempt + " attempts (redelivered="
                                + message.getJMSRedelivered() + "): '" + order + "' moved to queue " + rejects);
                    }
                }
            }
            System.out.println("Done: " + done + " orders turned into invoice lines, " + failed + " rejected");
            if (!opts.getBoolean("no-seed", false)) {
                show(connection, out);
                show(connection, rejects);
            }
        }
    }

    /** "item,quantity,unit price" becomes "ITEM: quantity x price = total"; anything else is a bad order. */
    static String invoiceLine(String order) {
        String[] fields = order.split(",");
        if (fields.length != 3) {
            throw new IllegalArgumentException("expected item,quantity,unit price");
        }
        try {
            int quantity = Integer.parseInt(fields[1].trim());
            double price = Double.parseDouble(fields[2].trim());
            return String.format(Locale.ROOT, "%s: %d x %.2f = %.2f", fields[0].trim().toUpperCase(Locale.ROOT),
                    quantity, price, quantity * price);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("quantity and price must be numbers");
        }
    }

    private static void seed(Connection connection, String in) throws JMSException {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = session.createProducer(session.createQueue(in));
            for (String order : SEED_ORDERS) {
                producer.send(session.createTextMessage(order));
            }
            System.out.println("Seeded queue " + in + " with " + SEED_ORDERS.length + " orders, one of them bad");
        }
    }

    /** Drains a queue, printing what the next step of the pipeline would receive. */
    private static void show(Connection connection, String queueName) throws JMSException {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            Queue queue = session.createQueue(queueName);
            MessageConsumer consumer = session.createConsumer(queue);
            Message message;
            while ((message = consumer.receive(500)) != null) {
                String reason = message.getStringProperty("rejectReason");
                System.out.println("  on queue " + queueName + ": " + SampleSupport.describe(message)
                        + (reason == null ? "" : " (" + reason + ")"));
            }
        }
    }
}
