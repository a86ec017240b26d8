package org.aicenter.local;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModuleBuildTest {

    @TempDir
    Path root;
    private Path jar;
    private final Instant built = Instant.parse("2026-01-01T12:00:00Z");

    @BeforeEach
    void repository() throws Exception {
        write("pom.xml", "<project/>", -60);
        write("platform/pom.xml", "<project/>", -60);
        write("platform/src/main/java/P.java", "class P {}", -60);
        write("partner-client/pom.xml", dependencies("platform"), -60);
        write("partner-client/src/main/java/C.java", "class C {}", -60);
        write("testing/pom.xml", "<project/>", -60);
        write("testing/src/main/java/T.java", "class T {}", -60);
        write("project-service/pom.xml", dependencies("partner-client") + "<dependency><groupId>org.aicenter</groupId>"
                + "<artifactId>testing</artifactId><scope>test</scope></dependency>", -60);
        write("project-service/src/main/java/S.java", "class S {}", -60);
        write("project-service/src/test/java/STest.java", "class STest {}", -60);
        jar = write("project-service/target/quarkus-app/quarkus-run.jar", "jar", 0);
    }

    @Test
    void theInputsAreTheModuleAndTheRepositoryModulesItNeedsAtRunTime() throws Exception {
        assertEquals(Set.of("project-service", "partner-client", "platform"), ModuleBuild.modulesBehind(root, "project-service"));
    }

    @Test
    void aJarNewerThanEveryInputIsFresh() {
        assertFalse(ModuleBuild.isStale(root, "project-service", jar));
    }

    @Test
    void aMissingJarIsStale() throws Exception {
        Files.delete(jar);
        assertTrue(ModuleBuild.isStale(root, "project-service", jar));
    }

    @Test
    void aChangedSourceOfTheModuleOrOfADependencyMakesItStale() throws Exception {
        touch("project-service/src/main/java/S.java", 10);
        assertTrue(ModuleBuild.isStale(root, "project-service", jar));
        touch("project-service/src/main/java/S.java", -60);
        touch("platform/src/main/java/P.java", 10);
        assertTrue(ModuleBuild.isStale(root, "project-service", jar), "platform is behind partner-client");
        touch("platform/src/main/java/P.java", -60);
        touch("pom.xml", 10);
        assertTrue(ModuleBuild.isStale(root, "project-service", jar), "the root pom pins every version");
    }

    @Test
    void testsAndTestOnlyDependenciesDoNotMakeItStale() throws Exception {
        touch("project-service/src/test/java/STest.java", 10);
        touch("testing/src/main/java/T.java", 10);
        assertFalse(ModuleBuild.isStale(root, "project-service", jar));
    }

    private static String dependencies(String... artifacts) {
        StringBuilder pom = new StringBuilder("<project><dependencies>");
        for (String artifact : List.of(artifacts)) {
            pom.append("<dependency>\n  <groupId>org.aicenter</groupId>\n  <artifactId>").append(artifact)
                    .append("</artifactId>\n</dependency>");
        }
        return pom.append("</dependencies></project>").toString();
    }

    private Path write(String path, String content, int secondsFromBuild) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        touch(path, secondsFromBuild);
        return file;
    }

    private void touch(String path, int secondsFromBuild) throws Exception {
        FileTime time = FileTime.from(built.plusSeconds(secondsFromBuild));
        Path file = root.resolve(path);
        Files.setLastModifiedTime(file, time);
        // Folders count too (a deleted file shows only there): keep them old unless the test says otherwise.
        for (Path dir = file.getParent(); !dir.equals(root); dir = dir.getParent()) {
            Files.setLastModifiedTime(dir, FileTime.from(built.minusSeconds(60)));
        }
    }
}
