package io.wrenmq.samples;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionsTest {

    @Test
    void readsSpacedAndEqualsFormsAndBareFlags() {
        Options o = new Options("--queue", "orders", "--count=5", "--persistent", "--url", "tcp://h:1");
        assertEquals("orders", o.get("queue", "x"));
        assertEquals(5, o.getInt("count", 10));
        assertTrue(o.getBoolean("persistent", false));
        assertEquals("tcp://h:1", o.get("url", null));
        assertEquals(7, o.getInt("missing", 7));
        assertFalse(o.has("missing"));
    }

    @Test
    void aFlagFollowedByAnotherOptionMeansTrue() {
        Options o = new Options("--keep", "--count", "3");
        assertTrue(o.getBoolean("keep", false));
        assertEquals(3, o.getInt("count", 0));
    }

    @Test
    void readsSizesWithSuffixes() {
        Options o = new Options("--a", "100", "--b", "1k", "--c", "4M");
        assertEquals(100, o.getSize("a", 0));
        assertEquals(1024, o.getSize("b", 0));
        assertEquals(4 << 20, o.getSize("c", 0));
    }

    @Test
    void readsDurationsWithUnitsABareNumberBeingSeconds() {
        Options o = new Options("--a", "500ms", "--b", "10s", "--c", "2m", "--d", "3");
        assertEquals(Duration.ofMillis(500), o.getDuration("a", null));
        assertEquals(Duration.ofSeconds(10), o.getDuration("b", null));
        assertEquals(Duration.ofMinutes(2), o.getDuration("c", null));
        assertEquals(Duration.ofSeconds(3), o.getDuration("d", null));
    }

    @Test
    void aMalformedValueNamesItsOption() {
        Options o = new Options("--count", "ten", "--size", "1x", "--flag", "maybe", "--time", "5 parsecs");
        assertEquals("--count must be a whole number, not 'ten'",
                assertThrows(IllegalArgumentException.class, () -> o.getInt("count", 0)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> o.getSize("size", 0)).getMessage()
                .startsWith("--size"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> o.getBoolean("flag", false)).getMessage()
                .startsWith("--flag"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> o.getDuration("time", null)).getMessage()
                .startsWith("--time"));
    }

    @Test
    void anArgumentThatIsNotAnOptionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Options("queue-producer"));
        assertThrows(IllegalArgumentException.class, () -> new Options("--"));
    }

    @Test
    void aMisspeltOptionIsRefusedWhenTheKnownOnesAreGiven() {
        Options o = new Options("--cuont", "5");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> o.rejectUnknown(List.of("count", "queue")));
        assertEquals("unknown option --cuont (known: --count, --queue)", e.getMessage());
    }
}
