package org.aicenter.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import org.aicenter.local.ServiceModule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/kubernetes/base/&lt;module&gt;.yml is what the module's build makes: the copy is committed so
 * that {@code kubectl kustomize deploy/kubernetes/local} renders from a fresh clone, and this test
 * fails when a change to a module's configuration is not carried into it (like contracts/). After a
 * deliberate change: {@code ./mvnw -B package -DskipTests -pl <module> -am}, then
 * {@code ./mvnw -B test -pl deploy -Daic.manifests.update=true}, and review the diff.
 */
class GeneratedManifestsTest {

    static final String UPDATE_PROPERTY = "aic.manifests.update";

    static List<String> modules() {
        return Repository.moduleNames();
    }

    @ParameterizedTest
    @MethodSource("modules")
    void theCommittedManifestsAreTheGeneratedOnes(String name) throws IOException {
        ServiceModule module = Repository.module(name);
        Path generated = Repository.generated(module);
        assertTrue(Files.isRegularFile(generated), Repository.ROOT.relativize(generated) + " is missing: build "
                + name + " first (./mvnw -B package -DskipTests -pl " + name + " -am)");
        Path committed = Repository.committed(module);
        List<HasMetadata> made = Manifests.read(generated);
        assertTrue(made.size() >= 4, name + "'s build made only " + Manifests.kinds(made));
        if (Boolean.getBoolean(UPDATE_PROPERTY)
                && (!Files.exists(committed) || !Manifests.canonical(Manifests.read(committed)).equals(Manifests.canonical(made)))) {
            Files.writeString(committed, header(name) + Files.readString(generated));
        }
        assertTrue(Files.isRegularFile(committed), Repository.ROOT.relativize(committed) + " is missing; make it with -D"
                + UPDATE_PROPERTY + "=true");
        String difference = Manifests.firstDifference(Manifests.canonical(Manifests.read(committed)), Manifests.canonical(made));
        assertTrue(difference == null, Repository.ROOT.relativize(committed) + " differs from what " + name + "'s build makes ("
                + Repository.ROOT.relativize(generated) + ") at " + difference + "; if the change is deliberate, "
                + "rewrite it with -D" + UPDATE_PROPERTY + "=true and review the diff");
    }

    private static String header(String module) {
        return """
                # Made by the build, not by hand: a copy of %1$s/target/kubernetes/kubernetes.yml, which
                # quarkus-kubernetes writes from %1$s's application.properties, its src/main/kubernetes/ and
                # the platform's defaults. deploy/'s GeneratedManifestsTest fails when the two differ; after a
                # deliberate change, ./mvnw -B package -DskipTests -pl %1$s -am and then
                # ./mvnw -B test -pl deploy -Daic.manifests.update=true rewrite this file.
                """.formatted(module);
    }
}
