package org.aicenter.deploy;

import org.aicenter.local.ServiceModule;

import java.nio.file.Path;
import java.util.List;

/** Where the deploy checks find what they check: the modules that run, their builds, the kustomize tree. */
final class Repository {

    static final Path ROOT = Path.of(System.getProperty("aic.root", "..")).toAbsolutePath().normalize();
    /** The version the build gives every module, and so every image tag. */
    static final String VERSION = System.getProperty("aic.version", "");
    static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");
    static final Path BASE = KUBERNETES.resolve("base");
    static final Path GRAFANA = ROOT.resolve("deploy/grafana");

    private Repository() {
    }

    static List<ServiceModule> modules() {
        return ServiceModule.ALL;
    }

    /** For parameterized tests: the modules' names, which read well in a report. */
    static List<String> moduleNames() {
        return modules().stream().map(ServiceModule::name).toList();
    }

    static ServiceModule module(String name) {
        return modules().stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no module " + name));
    }

    /** What the module's build made: quarkus-kubernetes writes it in the package phase. */
    static Path generated(ServiceModule module) {
        return module.dir(ROOT).resolve("target/kubernetes/kubernetes.yml");
    }

    /** The copy the kustomize base takes. */
    static Path committed(ServiceModule module) {
        return BASE.resolve(module.name() + ".yml");
    }
}
