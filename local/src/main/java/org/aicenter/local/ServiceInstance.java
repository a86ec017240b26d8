package org.aicenter.local;

/**
 * One instance (replica) of a service in a local run: its number (1 for the first, which keeps the
 * service's own port, log and pid file), its HTTP port and its management port.
 */
public record ServiceInstance(ServiceModule module, int number, int port, int managementPort) {

    /** {@code partner-service} for the first instance, {@code partner-service-2} for the second, ... */
    public String name() {
        return number == 1 ? module.name() : module.name() + "-" + number;
    }

    /** Where the user and curl reach it. */
    public String url() {
        return "http://localhost:" + port;
    }

    /** Where the other processes of the stack reach it: the loopback address, where it listens. */
    public String internalUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Its metrics and detailed health, on the loopback interface only. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }
}
