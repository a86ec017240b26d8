package org.aicenter.notification.webhook;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A host name is judged by the addresses it resolves to, unless the allow-list names it. */
class WebhookTargetsTest {

    @Test
    void aHostnameResolvingToLoopbackIsRefusedUnlessAllowListed() {
        assertTrue(new WebhookTargets(Optional.empty()).refusal("https://localhost/hook").isPresent());
        assertEquals(Optional.empty(), new WebhookTargets(Optional.of("localhost, hooks.internal")).refusal("http://localhost:8/hook"));
        assertTrue(new WebhookTargets(Optional.of("hooks.internal")).refusal("http://localhost/hook").isPresent());
    }

    @Test
    void publicAddressesOverHttpsAreAccepted() {
        assertEquals(Optional.empty(), new WebhookTargets(Optional.empty()).refusal("https://8.8.8.8/hook"));
        assertEquals(Optional.empty(), new WebhookTargets(Optional.empty()).refusal("https://[2001:4860:4860::8888]/hook"));
    }
}
