package org.aicenter.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassDataTest {

    @TempDir
    Path root;

    @Test
    void onJdk17TheFirstStartOfABuildWritesAnAppCdsArchiveLaterStartsMapItARebuildStartsAgain() throws Exception {
        theFirstStartWritesLaterStartsMapARebuildStartsAgain(new ServiceJava(root.resolve("jdk17"), 17, "17.0.15"),
                "-XX:ArchiveClassesAtExit=", "-XX:SharedArchiveFile=", ".jsa");
    }

    @Test
    void onJdk25TheFirstStartOfABuildIsATrainingRunThatLeavesAnAotCacheLaterStartsMapIt() throws Exception {
        theFirstStartWritesLaterStartsMapARebuildStartsAgain(new ServiceJava(root.resolve("jdk25"), 25, "25.0.3"),
                "-XX:AOTCacheOutput=", "-XX:AOTCache=", ".aot");
    }

    private void theFirstStartWritesLaterStartsMapARebuildStartsAgain(ServiceJava java, String write, String map,
                                                                     String suffix) throws Exception {
        ServiceModule module = ServiceModule.named("partner-service");
        Path app = module.runJar(root).getParent();
        Files.createDirectories(app.resolve("app"));
        Files.writeString(module.runJar(root), "jar");
        Path appJar = Files.writeString(app.resolve("app/partner-service.jar"), "classes");
        Files.setLastModifiedTime(appJar, FileTime.from(Instant.parse("2026-01-01T12:00:00Z")));
        Files.setLastModifiedTime(module.runJar(root), FileTime.from(Instant.parse("2026-01-01T12:00:00Z")));
        Path cds = root.resolve(".aic-data/cds");

        String first = ServiceProcess.classDataOption(module, root, java, cds, true);
        assertTrue(first.startsWith(write + cds.resolve("partner-service-")), first);
        assertTrue(first.endsWith("-jdk" + java.feature() + suffix), "named after the build and the JDK: " + first);
        Path archive = Path.of(first.substring(first.indexOf('=') + 1));
        assertEquals(first, ServiceProcess.classDataOption(module, root, java, cds, true), "none yet: still the one to write");

        assertEquals("-Xshare:auto", ServiceProcess.classDataOption(module, root, java, cds, false),
                "a second instance never writes what the first one writes at its exit");

        Files.writeString(archive, "written at exit");
        assertEquals(map + archive, ServiceProcess.classDataOption(module, root, java, cds, true));
        assertEquals(map + archive, ServiceProcess.classDataOption(module, root, java, cds, false),
                "once it is there, every instance maps it");

        Files.setLastModifiedTime(appJar, FileTime.from(Instant.parse("2026-01-02T12:00:00Z")));
        String rebuilt = ServiceProcess.classDataOption(module, root, java, cds, true);
        assertTrue(rebuilt.startsWith(write), rebuilt);
        assertNotEquals(first, rebuilt, "a new build, a new archive");
        assertFalse(Files.exists(archive), "the old build's archive is removed");
    }

    @Test
    void theServicesRunOnTheNewestJdk25OrLaterInstalledUnlessOneIsNamed() throws Exception {
        Path installed = root.resolve("jvm");
        Path jdk17 = fakeJdk(installed.resolve("java-17-openjdk-amd64"), "17.0.15");
        Path jdk21 = fakeJdk(installed.resolve("temurin-21-jdk-amd64"), "21.0.7");
        Path jdk25 = fakeJdk(installed.resolve("temurin-25-jdk-amd64"), "25.0.3");
        Files.createDirectories(installed.resolve("not-a-jdk"));

        ServiceJava chosen = ServiceJava.choose(Optional.empty(), installed, jdk17);
        assertEquals(jdk25.toAbsolutePath(), chosen.home(), "a launcher on 17 runs the services on the JDK 25 beside it");
        assertEquals(25, chosen.feature());
        assertTrue(chosen.aotCache());
        assertEquals(jdk21.toAbsolutePath(), ServiceJava.choose(Optional.of(jdk21), installed, jdk17).home(),
                "AIC_JAVA_HOME is taken as it is");
        ServiceJava seventeen = ServiceJava.choose(Optional.of(jdk17), installed, jdk25);
        assertEquals(17, seventeen.feature(), "JDK 17 still works when named");
        assertFalse(seventeen.aotCache(), "and starts from an AppCDS archive");
        assertEquals(jdk17.toAbsolutePath(), ServiceJava.choose(Optional.empty(), root.resolve("no-such-dir"), jdk17).home(),
                "with no JDK 25 installed, the launcher's own");
        assertThrows(IllegalArgumentException.class,
                () -> ServiceJava.choose(Optional.of(installed.resolve("not-a-jdk")), installed, jdk17));
        Path newer = fakeJdk(installed.resolve("temurin-25.0.10-jdk-amd64"), "25.0.10");
        assertEquals(newer.toAbsolutePath(), ServiceJava.choose(Optional.empty(), installed, jdk17).home(),
                "25.0.10 is newer than 25.0.3 (as versions, not as text)");
    }

    private static Path fakeJdk(Path home, String version) throws Exception {
        Files.createDirectories(home.resolve("bin"));
        Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }
}
