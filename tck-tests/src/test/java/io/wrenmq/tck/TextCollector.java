package io.wrenmq.tck;

import jakarta.jms.Message;
import jakarta.jms.MessageListener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A MessageListener that keeps the text of each message it is given, for tests that count who got what. */
final class TextCollector implements MessageListener {
    final List<String> texts = new CopyOnWriteArrayList<>();

    @Override
    public void onMessage(Message message) {
        texts.add(JmsTestSupport.text(message));
    }

    /**
     * Waits until {@code collectors} together hold as many messages as {@code expected}, and then a little longer in
     * case more come, and checks that together they got each of {@code expected} exactly once.
     */
    static void assertGotEachOnce(List<String> expected, TextCollector... collectors) {
        await().atMost(Duration.ofSeconds(10)).until(() -> total(collectors) >= expected.size());
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> total(collectors) == expected.size());
        List<String> all = new ArrayList<>();
        for (TextCollector c : collectors) {
            all.addAll(c.texts);
        }
        assertEquals(expected.stream().sorted().toList(), all.stream().sorted().toList());
    }

    private static int total(TextCollector... collectors) {
        int n = 0;
        for (TextCollector c : collectors) {
            n += c.texts.size();
        }
        return n;
    }
}
