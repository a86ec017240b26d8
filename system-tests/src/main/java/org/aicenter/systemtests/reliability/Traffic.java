package org.aicenter.systemtests.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Load through the gateway: either closed (N clients, each sending its next request when the last
 * is answered; gives the maximum rate) or open (requests started at a fixed rate whatever the
 * answers, latency counted from the planned start so a stall is not hidden). Every answer is kept
 * as a {@link Sample}.
 */
final class Traffic {

    /** One answer: when it was planned (ms since the run began), what, its status (0: none), how long. */
    record Sample(long plannedAtMillis, String action, boolean write, int status, long latencyNanos, String failure) {
    }

    /** One request of the mix: sends it and says what came back. */
    interface Action {
        Sample run(long plannedAtMillis, long plannedNanos);
    }

    private final long origin = System.nanoTime();
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();

    long nowMillis() {
        return (System.nanoTime() - origin) / 1_000_000;
    }

    long originNanos() {
        return origin;
    }

    Collection<Sample> samples() {
        return samples;
    }

    List<Sample> between(long fromMillis, long toMillis) {
        List<Sample> window = new ArrayList<>();
        for (Sample sample : samples) {
            if (sample.plannedAtMillis() >= fromMillis && sample.plannedAtMillis() < toMillis) {
                window.add(sample);
            }
        }
        return window;
    }

    /** Closed load: {@code clients} loops for {@code duration}; returns the answers per second. */
    double closed(int clients, Duration duration, Supplier<Action> mix) throws InterruptedException {
        long from = nowMillis();
        long deadline = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    long planned = System.nanoTime();
                    samples.add(mix.get().run((planned - origin) / 1_000_000, planned));
                }
            }, "closed-client-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return between(from, nowMillis()).size() / (double) duration.toSeconds();
    }

    /** Open load at {@code perSecond} until {@link Running#stop()}. */
    Running open(double perSecond, Supplier<Action> mix) {
        return new Running(perSecond, mix);
    }

    final class Running {
        private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        private final ThreadPoolExecutor clients = (ThreadPoolExecutor) Executors.newFixedThreadPool(128);
        private final AtomicBoolean stopped = new AtomicBoolean();
        private long dropped;

        private Running(double perSecond, Supplier<Action> mix) {
            long periodNanos = (long) (1e9 / perSecond);
            clock.scheduleAtFixedRate(() -> {
                if (stopped.get()) {
                    return;
                }
                long planned = System.nanoTime();
                if (clients.getQueue().size() > 2000) {
                    dropped++; // the system is far behind; more queued requests would only measure the queue
                    return;
                }
                Action action = mix.get();
                clients.execute(() -> samples.add(action.run((planned - origin) / 1_000_000, planned)));
            }, 0, periodNanos, TimeUnit.NANOSECONDS);
        }

        long dropped() {
            return dropped;
        }

        void stop() throws InterruptedException {
            stopped.set(true);
            clock.shutdownNow();
            clients.shutdown();
            clients.awaitTermination(60, TimeUnit.SECONDS);
        }
    }

    // ---------------------------------------------------------------- figures

    static Map<String, Integer> byStatus(Collection<Sample> samples) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Sample sample : samples) {
            counts.merge(sample.status() == 0 ? "none" : Integer.toString(sample.status()), 1, Integer::sum);
        }
        return counts;
    }

    static long count(Collection<Sample> samples, Predicate<Sample> which) {
        return samples.stream().filter(which).count();
    }

    /** The p-th percentile latency in milliseconds (p in 0..100). */
    static double percentile(Collection<Sample> samples, double p) {
        long[] latencies = samples.stream().filter(s -> s.status() != 0).mapToLong(Sample::latencyNanos).sorted().toArray();
        if (latencies.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * latencies.length) - 1;
        return latencies[Math.max(0, Math.min(latencies.length - 1, index))] / 1e6;
    }

    static double maxMillis(Collection<Sample> samples) {
        return samples.stream().mapToLong(Sample::latencyNanos).max().orElse(0) / 1e6;
    }

    static ExecutorService pool(int threads) {
        return Executors.newFixedThreadPool(threads);
    }
}
