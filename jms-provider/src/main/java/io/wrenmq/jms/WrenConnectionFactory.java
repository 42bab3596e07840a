package io.wrenmq.jms;

import io.wrenmq.jms.client.BrokerUrl;
import io.wrenmq.jms.client.WrenConnection;
import io.wrenmq.jms.client.WrenContext;
import io.wrenmq.jms.jndi.WrenObjectFactory;
import io.wrenmq.jms.message.DeserializationPolicy;
import io.wrenmq.protocol.Protocol;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;

import javax.naming.Reference;
import javax.naming.Referenceable;
import java.io.Serializable;
import java.util.List;

/**
 * The entry point for applications: connections to a Wren broker.
 *
 * <pre>{@code
 * ConnectionFactory cf = new WrenConnectionFactory("tcp://broker.example.com:61700?prefetch=100");
 * }</pre>
 *
 * <p>{@code vm://name} connects to a broker in the same JVM, started for it if none of that name runs; that needs
 * the broker jar ({@code io.wrenmq:wren-broker}) on the classpath (see {@code io.wrenmq.broker.InVmBrokers}).
 *
 * <p>A JavaBean, so that containers and frameworks can configure it: {@link #setBrokerUrl}, {@link #setUser},
 * {@link #setPassword}, {@link #setClientID}. User, password and client id given in the URL's options apply when
 * the bean properties are not set; so do their spellings from other providers' URLs ({@code jms.clientID},
 * {@code jms.userName}, {@code jms.password}, {@code jms.prefetchPolicy.all}). Thread-safe once configured.
 *
 * <p>{@code ObjectMessage.getObject} deserializes only the classes of {@link DeserializationPolicy#standard()} (the
 * JDK's value types) plus those allowed here ({@link #setDeserializationAllowList}, or ActiveMQ's
 * {@link #setTrustedPackages} and {@link #setTrustAllPackages}) and in the URL ({@code deserializationAllowList}),
 * less those denied here or there ({@code deserializationDenyList}); see {@link DeserializationPolicy}.
 *
 * <p>Serializable and {@link Referenceable}, so that it can be bound in any JNDI directory: its reference is rebuilt
 * by {@link WrenObjectFactory}, which also builds one from a container's resource attributes.
 */
public class WrenConnectionFactory implements ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory,
        Serializable, Referenceable {
    private static final long serialVersionUID = 1L;

    /** What the no-argument constructor connects to. */
    public static final String DEFAULT_URL = "tcp://localhost:" + Protocol.DEFAULT_PORT;

    private volatile String brokerUrl;
    private volatile String user;
    private volatile String password;
    private volatile String clientID;
    private volatile String deserializationAllowList;
    private volatile String deserializationDenyList;
    private volatile boolean trustAllPackages;

    /** Connects to {@value #DEFAULT_URL}. */
    public WrenConnectionFactory() {
        this(DEFAULT_URL);
    }

    /**
     * @param brokerUrl {@code tcp://host:port} or {@code vm://name}, with optional {@code ?key=value} options
     * @throws IllegalArgumentException if the URL is malformed
     */
    public WrenConnectionFactory(String brokerUrl) {
        setBrokerUrl(brokerUrl);
    }

    public String getBrokerUrl() {
        return brokerUrl;
    }

    /** @throws IllegalArgumentException if the URL is malformed */
    public void setBrokerUrl(String brokerUrl) {
        parse(brokerUrl);
        this.brokerUrl = brokerUrl;
    }

    private static BrokerUrl parse(String url) {
        return BrokerUrl.parse(UrlOptionAliases.canonical(url));
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getClientID() {
        return clientID;
    }

    /** A client id given to every connection, administratively: the application may then not change it. */
    public void setClientID(String clientID) {
        this.clientID = clientID;
    }

    public String getDeserializationAllowList() {
        return deserializationAllowList;
    }

    /**
     * Classes that {@code ObjectMessage.getObject} may deserialize, besides the JDK's value types: comma-separated
     * package names ({@code com.acme.model}, subpackages included), class names ({@code com.acme.model.Order}), or
     * {@code *} for every class. The name Artemis gives this setting.
     *
     * @throws IllegalArgumentException naming an entry that is none of these
     */
    public void setDeserializationAllowList(String allowList) {
        DeserializationPolicy.entries(allowList);
        this.deserializationAllowList = allowList;
    }

    public String getDeserializationDenyList() {
        return deserializationDenyList;
    }

    /**
     * Classes that {@code ObjectMessage.getObject} never deserializes, even if allowed; entries as for
     * {@link #setDeserializationAllowList}.
     *
     * @throws IllegalArgumentException naming an entry that is not a package or class name or {@code *}
     */
    public void setDeserializationDenyList(String denyList) {
        DeserializationPolicy.entries(denyList);
        this.deserializationDenyList = denyList;
    }

    /** The allow-list as a list, for ActiveMQ users' configuration. */
    public List<String> getTrustedPackages() {
        return DeserializationPolicy.entries(deserializationAllowList);
    }

    /** ActiveMQ's name for {@link #setDeserializationAllowList}: the same setting, as a list. */
    public void setTrustedPackages(List<String> packages) {
        setDeserializationAllowList(packages == null ? null : String.join(",", packages));
    }

    public boolean isTrustAllPackages() {
        return trustAllPackages;
    }

    /**
     * ActiveMQ's switch to deserialize every class ({@code *} on the allow-list); the deny-list still applies. Only
     * for producers that are as trusted as the application's own code.
     */
    public void setTrustAllPackages(boolean trustAll) {
        this.trustAllPackages = trustAll;
    }

    @Override
    public Connection createConnection() throws JMSException {
        return open(null, null, false);
    }

    @Override
    public Connection createConnection(String userName, String pass) throws JMSException {
        return open(userName, pass, true);
    }

    private WrenConnection open(String userName, String pass, boolean explicit) throws JMSException {
        BrokerUrl url;
        try {
            url = parse(brokerUrl);
        } catch (IllegalArgumentException e) {
            throw new JMSException(e.getMessage());
        }
        String u = explicit ? userName : firstNonNull(user, url.option("user"));
        String p = explicit ? pass : firstNonNull(password, url.option("password"));
        String id = firstNonNull(clientID, url.option("clientID"));
        return WrenConnection.open(url, u, p, id).withDeserializationPolicy(deserializationPolicy(url));
    }

    /** Every source adds entries: defaults and system properties, then these bean properties, then the URL. */
    private DeserializationPolicy deserializationPolicy(BrokerUrl url) {
        return DeserializationPolicy.standard()
                .allowing(deserializationAllowList).allowing(trustAllPackages ? "*" : null)
                .allowing(url.option(BrokerUrl.DESERIALIZATION_ALLOW_LIST))
                .denying(deserializationDenyList).denying(url.option(BrokerUrl.DESERIALIZATION_DENY_LIST));
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return open(null, null, false).restrictToQueues();
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String pass) throws JMSException {
        return open(userName, pass, true).restrictToQueues();
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        return open(null, null, false);
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String pass) throws JMSException {
        return open(userName, pass, true);
    }

    /** A context on a new connection, in AUTO_ACKNOWLEDGE mode; the credentials as {@link #createConnection()}. */
    @Override
    public JMSContext createContext() {
        return WrenContext.open(() -> open(null, null, false), JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String pass) {
        return WrenContext.open(() -> open(userName, pass, true), JMSContext.AUTO_ACKNOWLEDGE);
    }

    /**
     * @throws jakarta.jms.JMSRuntimeException for a mode other than the four of {@code JMSContext}, and for
     *         SESSION_TRANSACTED, which this version does not support yet; no connection is opened then
     */
    @Override
    public JMSContext createContext(String userName, String pass, int sessionMode) {
        return WrenContext.open(() -> open(userName, pass, true), sessionMode);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        return WrenContext.open(() -> open(null, null, false), sessionMode);
    }

    /** Its URL and what else is set, for {@link WrenObjectFactory} to rebuild it from. */
    @Override
    public Reference getReference() {
        return WrenObjectFactory.referenceTo(this);
    }

    @Override
    public String toString() {
        return "WrenConnectionFactory[" + parse(brokerUrl) + "]";
    }
}
