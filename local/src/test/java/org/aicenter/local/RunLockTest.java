package org.aicenter.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunLockTest {

    @Test
    void anotherProcessCannotTakeTheLockUntilTheHolderEnds(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("aic.lock");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Holder.class.getName(),
                file.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", reader.readLine());
            assertTrue(RunLock.tryAcquire(file).isEmpty(), "held by the other process");
            assertTrue(RunLock.holder(file).startsWith("pid " + holder.pid()), RunLock.holder(file));
        } finally {
            holder.destroyForcibly();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
        // Killed outright, yet its lock is gone with it.
        Optional<RunLock> mine = RunLock.tryAcquire(file);
        assertTrue(mine.isPresent());
        mine.get().close();
    }

    @Test
    void aSecondAcquireInTheSameProcessIsRefusedToo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("aic.lock");
        try (RunLock first = RunLock.tryAcquire(file).orElseThrow()) {
            assertTrue(RunLock.tryAcquire(file).isEmpty());
        }
        RunLock.tryAcquire(file).orElseThrow().close();
    }

    /** Takes the lock, says so, and holds it until killed. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            Optional<RunLock> lock = RunLock.tryAcquire(Path.of(args[0]));
            System.out.println(lock.isPresent() ? "locked" : "refused");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
