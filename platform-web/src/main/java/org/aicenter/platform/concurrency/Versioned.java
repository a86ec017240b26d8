package org.aicenter.platform.concurrency;

import java.util.UUID;

/**
 * A resource as the API shows it, with the id that names it and the version its {@code ETag}
 * carries. Every view a service returns for a single resource is one, so the resources and the
 * idempotent create answer it the same way.
 */
public interface Versioned {

    UUID id();

    long version();
}
