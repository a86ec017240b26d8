package org.aicenter.platform.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The operation serves a web page whose query string belongs to the page's own script (a shared link's
 * filters, an OpenID Connect callback's {@code code} and {@code state}), not to an API: {@link StrictQuery}
 * leaves it alone. Never on an API operation.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PageQuery {
}
