package io.wrenmq.tck;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * JNDI in a servlet container: an embedded Tomcat whose web application declares a connection factory, a queue
 * and a topic as {@code <Resource factory="io.wrenmq.jms.jndi.WrenObjectFactory" ...>} in its
 * {@code META-INF/context.xml} (test resource {@code tomcat-webapp}). Tomcat's own naming calls our object factory;
 * a servlet looks them up under {@code java:comp/env} and sends; the test receives from the broker.
 */
@DisplayName("JNDI in Tomcat: context.xml resources built by WrenObjectFactory")
class TomcatJndiTest extends JmsTestSupport {
    /** What Tomcat's naming and this test set globally, restored afterwards for the tests that run after. */
    private static final String[] SYSTEM_PROPERTIES = {"catalina.useNaming", javax.naming.Context.URL_PKG_PREFIXES,
            javax.naming.Context.INITIAL_CONTEXT_FACTORY, "wren.test.brokerUrl"};
    /** Held so that the level stays set: java.util.logging keeps loggers only weakly. */
    private static final Logger TOMCAT_LOG = Logger.getLogger("org.apache");

    private static final Map<String, String> savedProperties = new HashMap<>();
    private static Tomcat tomcat;
    private static URI sendUri;

    /** Looks up a connection factory and a destination in the web application's JNDI, and sends the text there. */
    static final class SendServlet extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                InitialContext jndi = new InitialContext();
                ConnectionFactory cf = (ConnectionFactory) jndi.lookup("java:comp/env/jms/ConnectionFactory");
                Destination to = (Destination) jndi.lookup("java:comp/env/" + req.getParameter("to"));
                try (Connection c = cf.createConnection()) {
                    Session s = c.createSession(Session.AUTO_ACKNOWLEDGE);
                    s.createProducer(to).send(s.createTextMessage(req.getParameter("text")));
                }
                resp.setContentType("text/plain");
                resp.getWriter().print("sent to " + to);
            } catch (NamingException | JMSException | RuntimeException e) {
                resp.sendError(500, e.toString());
            }
        }
    }

    @BeforeAll
    static void startTomcat() throws LifecycleException, IOException, URISyntaxException {
        for (String p : SYSTEM_PROPERTIES) {
            savedProperties.put(p, System.getProperty(p));
        }
        System.setProperty("wren.test.brokerUrl", Broker.url(null));
        TOMCAT_LOG.setLevel(Level.WARNING);

        tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory(Files.createDirectories(Path.of("target", "tomcat")), "base-")
                .toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        tomcat.enableNaming();
        tomcat.setAddDefaultWebXmlToWebapp(false);
        Path webapp = Path.of(TomcatJndiTest.class.getResource("/tomcat-webapp").toURI());
        Context app = tomcat.addWebapp("", webapp.toString());
        Tomcat.addServlet(app, "send", new SendServlet());
        app.addServletMappingDecoded("/send", "send");
        tomcat.start();
        sendUri = URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/send");
    }

    @AfterAll
    static void stopTomcat() throws LifecycleException {
        try {
            if (tomcat != null) {
                tomcat.stop();
                tomcat.destroy();
            }
        } finally {
            savedProperties.forEach((p, v) -> {
                if (v == null) {
                    System.clearProperty(p);
                } else {
                    System.setProperty(p, v);
                }
            });
        }
    }

    /** Asks the servlet to send {@code text} to the JNDI name {@code to}; returns its answer. */
    private static String sendThroughServlet(String to, String text) throws IOException, InterruptedException {
        String form = "to=" + URLEncoder.encode(to, StandardCharsets.UTF_8)
                + "&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(sendUri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static void assertReceived(MessageConsumer consumer, String text) throws JMSException {
        TextMessage m = (TextMessage) consumer.receive(5000);
        assertNotNull(m, "the servlet's message did not arrive");
        assertEquals(text, m.getText());
    }

    @Test
    @DisplayName("a servlet sends to java:comp/env/jms/Queue through java:comp/env/jms/ConnectionFactory")
    void servletSendsToTheQueueFromContextXml() throws Exception {
        assertEquals("sent to TomcatJndiTest.orders", sendThroughServlet("jms/Queue", "order 1"));
        Session s = startedConnection().createSession(Session.AUTO_ACKNOWLEDGE);
        assertReceived(s.createConsumer(s.createQueue("TomcatJndiTest.orders")), "order 1");
    }

    @Test
    @DisplayName("a topic resource given by address reaches a subscriber of that topic")
    void servletPublishesToTheTopicFromContextXml() throws Exception {
        Session s = startedConnection().createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer subscriber = s.createConsumer(s.createTopic("TomcatJndiTest.news"));
        sendThroughServlet("jms/Topic", "headline");
        assertReceived(subscriber, "headline");
    }
}
