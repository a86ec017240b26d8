package org.aicenter.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassDataTest {

    @TempDir
    Path root;

    @Test
    void theFirstStartOfABuildWritesTheArchiveLaterStartsMapItARebuildStartsAgain() throws Exception {
        ServiceModule module = ServiceModule.named("partner-service");
        Path app = module.runJar(root).getParent();
        Files.createDirectories(app.resolve("app"));
        Files.writeString(module.runJar(root), "jar");
        Path appJar = Files.writeString(app.resolve("app/partner-service.jar"), "classes");
        Files.setLastModifiedTime(appJar, FileTime.from(Instant.parse("2026-01-01T12:00:00Z")));
        Files.setLastModifiedTime(module.runJar(root), FileTime.from(Instant.parse("2026-01-01T12:00:00Z")));
        Path cds = root.resolve(".aic-data/cds");

        String first = ServiceProcess.classDataOption(module, root, cds, true);
        assertTrue(first.startsWith("-XX:ArchiveClassesAtExit=" + cds.resolve("partner-service-")), first);
        Path archive = Path.of(first.substring(first.indexOf('=') + 1));
        assertEquals(first, ServiceProcess.classDataOption(module, root, cds, true), "no archive yet: still the one to write");

        assertEquals("-Xshare:auto", ServiceProcess.classDataOption(module, root, cds, false),
                "a second instance never writes the archive the first one writes at its exit");

        Files.writeString(archive, "archive written at exit");
        assertEquals("-XX:SharedArchiveFile=" + archive, ServiceProcess.classDataOption(module, root, cds, true));
        assertEquals("-XX:SharedArchiveFile=" + archive, ServiceProcess.classDataOption(module, root, cds, false),
                "once it is there, every instance maps it");

        Files.setLastModifiedTime(appJar, FileTime.from(Instant.parse("2026-01-02T12:00:00Z")));
        String rebuilt = ServiceProcess.classDataOption(module, root, cds, true);
        assertTrue(rebuilt.startsWith("-XX:ArchiveClassesAtExit="), rebuilt);
        assertNotEquals(first, rebuilt, "a new build, a new archive");
        assertFalse(Files.exists(archive), "the old build's archive is removed");
    }
}
