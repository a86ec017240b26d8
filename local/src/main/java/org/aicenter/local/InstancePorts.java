package org.aicenter.local;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ports of a service's instances when a run starts several ({@code ./aic up --replicas N}).
 *
 * <p>The first instance of every service keeps the service's own port and management port
 * ({@code AIC_PARTNER_PORT}, {@code AIC_PARTNER_MANAGEMENT_PORT}, ...). The others take, in the
 * order of {@code runtime/services.conf}, the next ports above their service's own for which
 * neither that port nor the port at the service's management distance (1000 above by default)
 * is already given: to PostgreSQL, to any service's own port or management port, or to an
 * instance before. With the defaults and two replicas: partner-service 8081 and 8085 (management
 * 9081 and 9085), project-service 8082 and 8086, training-service 8083 and 8087, notification-service
 * 8084 and 8088: above every service's own port, 8080 to 8084. Every port is
 * given once, whatever the variables say, so no two processes of a run are ever told the same one.
 * The gateway is one instance: it is the front door, and it spreads requests over the others.
 */
final class InstancePorts {

    private InstancePorts() {
    }

    static Map<String, List<ServiceInstance>> assign(List<ServiceModule> modules, Map<String, Integer> ports,
                                                     Map<String, Integer> managementPorts, int postgresPort, int replicas) {
        Set<Integer> taken = new HashSet<>();
        taken.add(postgresPort);
        taken.addAll(ports.values());
        taken.addAll(managementPorts.values());
        Map<String, List<ServiceInstance>> instances = new LinkedHashMap<>();
        for (ServiceModule module : modules) {
            int port = ports.get(module.name());
            int management = managementPorts.get(module.name());
            int distance = management - port;
            List<ServiceInstance> list = new ArrayList<>();
            list.add(new ServiceInstance(module, 1, port, management));
            int count = replicated(module) ? replicas : 1;
            int candidate = port;
            for (int number = 2; number <= count; number++) {
                do {
                    candidate++;
                    if (candidate > 65535 || candidate + distance > 65535 || candidate + distance < 1) {
                        throw new IllegalArgumentException("no free ports above " + port + " for " + count + " instances of "
                                + module.name() + " (" + module.portVariable() + "); choose lower ports");
                    }
                } while (taken.contains(candidate) || taken.contains(candidate + distance));
                taken.add(candidate);
                taken.add(candidate + distance);
                list.add(new ServiceInstance(module, number, candidate, candidate + distance));
            }
            instances.put(module.name(), List.copyOf(list));
        }
        return Map.copyOf(instances);
    }

    /** Every service but the front door runs as many instances as asked. */
    static boolean replicated(ServiceModule module) {
        return !module.isFrontDoor();
    }
}
