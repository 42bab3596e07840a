package io.wrenmq.tck;

import jakarta.jms.CompletionListener;
import jakarta.jms.Message;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/** A CompletionListener that records completions in order with the thread they came on, and failures. */
final class Completions implements CompletionListener {
    final List<String> texts = new CopyOnWriteArrayList<>();
    final List<Thread> threads = new CopyOnWriteArrayList<>();
    final List<Exception> failures = new CopyOnWriteArrayList<>();

    @Override
    public void onCompletion(Message message) {
        threads.add(Thread.currentThread());
        texts.add(JmsTestSupport.text(message));
    }

    @Override
    public void onException(Message message, Exception exception) {
        failures.add(exception);
    }

    /**
     * A CompletionListener that, on completion, calls each of {@code actions} and records what it threw (as
     * {@link JmsTestSupport#outcomeOf} does); a failed send records the class of its exception instead.
     */
    static CompletionListener recordingOutcomesOf(List<Class<?>> outcomes, JmsTestSupport.Action... actions) {
        return new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                for (JmsTestSupport.Action a : actions) {
                    outcomes.add(JmsTestSupport.outcomeOf(a));
                }
            }

            @Override
            public void onException(Message message, Exception exception) {
                outcomes.add(exception.getClass());
            }
        };
    }

    /**
     * A slow CompletionListener: each callback waits for {@code release}; {@code returned} is set once
     * {@code onCompletion} returns (a failed send never sets it).
     */
    static CompletionListener returningAfter(CountDownLatch release, AtomicBoolean returned) {
        return new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                JmsTestSupport.awaitLatch(release);
                returned.set(true);
            }

            @Override
            public void onException(Message message, Exception exception) {
                JmsTestSupport.awaitLatch(release);
            }
        };
    }
}
