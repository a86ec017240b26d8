package org.aicenter.testing.partner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * The partner-service stub as the second of two replicas, the first of which is down (its port
 * refuses connections): for the tests of how partner-client spreads its calls and leaves a failed
 * instance out.
 */
public class PartnerServiceStubBehindADeadReplica extends PartnerServiceStub {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config.put("aic.partner-directory.urls", "http://localhost:" + closed + "," + config.get("aic.partner-directory.urls"));
        return config;
    }
}
