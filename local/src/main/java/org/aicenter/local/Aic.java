package org.aicenter.local;

import org.aicenter.platform.tokens.LocalTokenIssuer;
import org.aicenter.platform.tokens.Roles;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code ./aic}: the command behind the script at the repository root. */
public final class Aic {

    static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

    static {
        // Before any logging starts: zonky's warnings and errors, one line each.
        System.setProperty("java.util.logging.SimpleFormatter.format", "aic: %4$s %3$s: %5$s%6$s%n");
    }

    // Held so the level set on it is not lost when java.util.logging drops unreferenced loggers.
    private static final Logger ZONKY_LOG = Logger.getLogger("io.zonky");

    private static final String HELP = """
            ./aic: the AI Innovation Center on this machine, with nothing but JDK 17.

              ./aic up                  build what is missing or stale, start PostgreSQL and every service,
                                        load demo data on the first start; Ctrl-C stops everything
              ./aic up --no-build       start what is already built (same as AIC_BUILD=never)
              ./aic up --replicas N     N instances of every service but the gateway (1 to %2$d; AIC_REPLICAS), all on
                                        the same databases; the gateway and the callers of partner-service take
                                        them in turn. Replica ports: the next free ones above each service's own
              ./aic token ROLE [SUBJECT]
                                        print a JWT the local stack accepts (12 h; SUBJECT defaults to ROLE-user;
                                        several roles: admin,viewer). Roles: %1$s
              ./aic java                print the java the services run on (AIC_JAVA_HOME, or the newest JDK 25+
                                        installed, or the one running ./aic)
              ./aic help                this text

            Environment (defaults in brackets):
              AIC_DATA_DIR [.aic-data]  PostgreSQL cluster, keys, logs, demo markers; delete it to start afresh
              AIC_PG_PORT [55432]       AIC_PARTNER_PORT [8081]  AIC_PROJECT_PORT [8082]
              AIC_TRAINING_PORT [8083]  AIC_GATEWAY_PORT [8080]
              AIC_BUILD [auto]          auto: build stale modules with ./mvnw; never: use what is built
              AIC_READY_TIMEOUT [180]   seconds each service may take to answer /q/health/ready
              AIC_SERVICES [all]        only these, e.g. partner-service,project-service (others are skipped)
              AIC_REPLICAS [1]          instances of every service but the gateway (as --replicas)
              AIC_JAVA_HOME             the JDK the services run on [the newest JDK 25+ in /usr/lib/jvm, else
                                        this one]; JDK 25+ starts them from an AOT cache, older ones from AppCDS
            """;

    private Aic() {
    }

    public static void main(String[] args) {
        quietLibraryLogging();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        String command = args.length == 0 ? "help" : args[0];
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        int exit;
        try {
            Settings settings = Settings.from(Path.of(System.getProperty("aic.root", ".")), System.getenv());
            exit = switch (command) {
                case "up" -> up(settings, rest, out, err);
                case "token" -> token(settings, rest, out, err);
                case "java" -> {
                    // The JDK the services run on (the bench runs them on the same one).
                    out.println(settings.java().executable());
                    yield 0;
                }
                case "help", "-h", "--help" -> {
                    out.print(help());
                    yield 0;
                }
                default -> {
                    err.println("aic: unknown command '" + command + "'");
                    err.print(help());
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            err.println("aic: " + e.getMessage());
            exit = 2;
        }
        System.exit(exit);
    }

    static String help() {
        return HELP.formatted(String.join(", ", Roles.ALL), Settings.MAX_REPLICAS);
    }

    /** The options of {@code ./aic up} applied to the settings from the environment. */
    static Settings upOptions(Settings settings, List<String> options) {
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            if (option.equals("--no-build")) {
                settings = settings.withoutBuild();
            } else if (option.equals("--replicas") || option.startsWith("--replicas=")) {
                String count = option.equals("--replicas") ? (i + 1 < options.size() ? options.get(++i) : "")
                        : option.substring("--replicas=".length());
                try {
                    settings = settings.withReplicas(Integer.parseInt(count.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--replicas takes a number from 1 to " + Settings.MAX_REPLICAS
                            + ", not '" + count + "'");
                }
            } else {
                throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        return settings;
    }

    private static int up(Settings settings, List<String> options, PrintStream out, PrintStream err) {
        try {
            settings = upOptions(settings, options);
        } catch (IllegalArgumentException e) {
            err.println("aic up: " + e.getMessage());
            return 2;
        }
        preloadOwnClasses();
        LocalStack stack = new LocalStack(settings, out);
        // Ctrl-C and SIGTERM run this: services first, then PostgreSQL.
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "aic-stop"));
        out.println("aic: starting the local stack in " + settings.root());
        try {
            stack.start();
            stack.printSummary();
            stack.awaitStop();
            return 0;
        } catch (LocalStack.AlreadyRunning e) {
            err.println("aic: " + e.getMessage());
            return 3;
        } catch (StartFailure e) {
            if (!stack.isStopping()) {
                err.println("aic: " + e.getMessage());
            }
            stack.stop();
            return 1;
        } catch (Exception e) {
            if (!stack.isStopping()) {
                err.println("aic: unexpected failure: " + e);
                e.printStackTrace(err);
            }
            stack.stop();
            return 1;
        }
    }

    private static int token(Settings settings, List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.size() > 2) {
            err.println("usage: ./aic token ROLE[,ROLE...] [SUBJECT]   roles: " + String.join(", ", Roles.ALL));
            return 2;
        }
        List<String> roles = Arrays.stream(args.get(0).split(",")).map(String::trim).filter(r -> !r.isEmpty()).toList();
        List<String> known = List.of(Roles.ALL);
        for (String role : roles) {
            if (!known.contains(role)) {
                err.println("aic token: unknown role '" + role + "'; roles: " + String.join(", ", Roles.ALL));
                return 2;
            }
        }
        if (roles.isEmpty()) {
            err.println("aic token: name a role: " + String.join(", ", Roles.ALL));
            return 2;
        }
        String subject = args.size() == 2 ? args.get(1) : roles.get(0) + "-user";
        out.println(LocalTokenIssuer.inFolder(settings.keysDir()).token(subject, roles, TOKEN_LIFETIME));
        return 0;
    }

    /**
     * Loads every class of the launcher's jar now. A build (./mvnw install) rewrites that jar in
     * place while this run goes on for hours; the stop at the end must not depend on reading it.
     */
    private static void preloadOwnClasses() {
        try {
            Path location = Path.of(Aic.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(location)) {
                return; // run from a classes folder
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                    String name = entries.nextElement().getName();
                    if (name.startsWith("org/aicenter/local/") && name.endsWith(".class")) {
                        Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'), false,
                                Aic.class.getClassLoader());
                    }
                }
            }
        } catch (Exception | LinkageError e) {
            // Only a precaution: the launcher works without it.
        }
    }

    /** zonky logs each start step at INFO; only its warnings and errors belong on the console. */
    private static void quietLibraryLogging() {
        ZONKY_LOG.setLevel(Level.WARNING);
    }
}
