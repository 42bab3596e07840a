package io.wrenmq.samples.perf;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PerfOptionsTest {

    @Test
    void defaultsRunOneProducerAndOneConsumerOnWrenForTenSeconds() {
        PerfOptions o = PerfOptions.parse();
        assertNull(o.jndi(), "no JNDI unless asked for");
        assertEquals("queue://perf", o.destination());
        assertTrue(o.isQueueUri());
        assertEquals(1, o.producers());
        assertEquals(1, o.consumers());
        assertEquals(1024, o.messageSize());
        assertFalse(o.persistent());
        assertFalse(o.transacted());
        assertEquals(Duration.ofSeconds(10), o.duration());
        assertEquals(Duration.ofSeconds(2), o.warmup());
        assertFalse(o.endsByCount());
    }

    @Test
    void readsEveryOption() {
        PerfOptions o = PerfOptions.parse("--jndi", "my.properties", "--connection-factory", "CF",
                "--destination", "topic://prices", "--producers", "4", "--consumers", "2", "--message-size", "4k",
                "--persistent", "--transacted", "--batch-size", "50", "--count", "100000", "--warmup", "0s",
                "--rate", "20000", "--drain-timeout", "5s");
        assertEquals("my.properties", o.jndi());
        assertEquals("CF", o.connectionFactory());
        assertTrue(o.isTopicUri());
        assertEquals("prices", o.destinationName());
        assertEquals(4, o.producers());
        assertEquals(2, o.consumers());
        assertEquals(4096, o.messageSize());
        assertTrue(o.persistent());
        assertTrue(o.transacted());
        assertEquals(50, o.batchSize());
        assertTrue(o.endsByCount());
        assertEquals(100_000, o.count());
        assertEquals(Duration.ZERO, o.warmup());
        assertEquals(20_000, o.rate());
        assertEquals(Duration.ofSeconds(5), o.drainTimeout());
    }

    @Test
    void jndiAloneMeansTheStandardSourcesAndAPlainNameIsLookedUp() {
        PerfOptions o = PerfOptions.parse("--jndi", "--destination", "exampleQueue");
        assertEquals("", o.jndi());
        assertTrue(o.usesJndi());
        assertFalse(o.isQueueUri() || o.isTopicUri());
        assertEquals("exampleQueue", o.destinationName());
    }

    @Test
    void aTransactedRunCommitsInBatchesOfTenUnlessTold() {
        assertEquals(10, PerfOptions.parse("--transacted").batchSize());
        assertEquals(1, PerfOptions.parse().batchSize());
    }

    @Test
    void nonsenseIsRefusedBeforeAnythingConnects() {
        assertThrows(IllegalArgumentException.class, () -> PerfOptions.parse("--producers", "0", "--consumers", "0"));
        assertThrows(IllegalArgumentException.class, () -> PerfOptions.parse("--destination", "exchange://x"));
        assertThrows(IllegalArgumentException.class, () -> PerfOptions.parse("--destination", "queue://"));
        assertThrows(IllegalArgumentException.class, () -> PerfOptions.parse("--duration", "0s"));
        assertThrows(IllegalArgumentException.class, () -> PerfOptions.parse("--batch-size", "0"));
        assertEquals("unknown option --persistant", assertThrows(IllegalArgumentException.class,
                () -> PerfOptions.parse("--persistant")).getMessage().substring(0, 27));
    }
}
