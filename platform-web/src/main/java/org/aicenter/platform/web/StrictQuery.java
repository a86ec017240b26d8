package org.aicenter.platform.web;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import org.aicenter.platform.problem.FieldError;
import org.aicenter.platform.problem.ProblemException;
import org.aicenter.platform.problem.ProblemType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Query parameters are strict, as the API conventions say: a parameter the operation does not
 * take is a 400 naming it and listing the ones it does take (a typo such as {@code stauts} never
 * silently widens a list), a single-valued parameter given twice is a 400, and only {@code &}
 * separates parameters: {@code ;} is an ordinary character in a value ({@code q=a;b} searches for
 * {@code a;b}). The accepted names are the operation's own {@code @QueryParam}s, read once per
 * resource method; a collection-typed one may repeat.
 */
@ApplicationScoped
public class StrictQuery {

    /** After {@link RequestTargets}: the query is a valid URI query by then. */
    static final int PRIORITY = RequestTargets.PRIORITY - 10;

    private final Map<Method, Map<String, Boolean>> accepted = new ConcurrentHashMap<>();

    void register(@Observes Filters filters) {
        filters.register(StrictQuery::semicolonsAreOrdinary, PRIORITY);
    }

    /**
     * Vert.x splits a query at {@code ;} too (the old HTML recommendation); where a query has one,
     * its parameters are decoded again with {@code &} alone and replace what Vert.x parsed.
     */
    static void semicolonsAreOrdinary(RoutingContext ctx) {
        String query = ctx.request().query();
        if (query != null && query.indexOf(';') >= 0) {
            Map<String, List<String>> decoded = new QueryStringDecoder(query, StandardCharsets.UTF_8, false, 1024, true)
                    .parameters();
            replace(ctx.queryParams(), decoded);
            replace(ctx.request().params(), decoded);
        }
        ctx.next();
    }

    private static void replace(MultiMap target, Map<String, List<String>> decoded) {
        target.clear();
        decoded.forEach(target::add);
    }

    @ServerRequestFilter
    public void check(HttpServerRequest request, ResourceInfo resource) {
        String query = request.query();
        Method method = resource.getResourceMethod();
        if (query == null || query.isEmpty() || method == null || method.isAnnotationPresent(PageQuery.class)) {
            return;
        }
        Map<String, Boolean> takes = accepted.computeIfAbsent(method, m -> queryParams(m, resource.getResourceClass()));
        Map<String, Integer> given = new HashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            Boolean multiple = takes.get(name);
            if (multiple == null) {
                throw unknown(name, takes);
            }
            if (given.merge(name, 1, Integer::sum) > 1 && !multiple) {
                throw new ProblemException(ProblemType.BAD_QUERY, name + ": takes one value but was given more than once",
                        List.of(new FieldError(name, "takes one value but was given more than once")));
            }
        }
    }

    private static ProblemException unknown(String name, Map<String, Boolean> takes) {
        String shown = name.length() > 40 ? name.substring(0, 40) + "…" : name;
        String accepts = takes.isEmpty() ? "none" : String.join(", ", takes.keySet());
        String message = "is not a parameter of this operation; it accepts: " + accepts;
        return new ProblemException(ProblemType.BAD_QUERY, "Unknown query parameter '" + shown + "'; this operation accepts: "
                + accepts, List.of(new FieldError(shown, message))).with("accepted", List.copyOf(takes.keySet()));
    }

    private static String decode(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return name;
        }
    }

    /** The method's query parameters, its bean parameters' and its class's, each with whether it may repeat. */
    static Map<String, Boolean> queryParams(Method method, Class<?> resourceClass) {
        Map<String, Boolean> names = new LinkedHashMap<>();
        for (Parameter parameter : method.getParameters()) {
            QueryParam query = parameter.getAnnotation(QueryParam.class);
            if (query != null) {
                names.put(query.value(), repeatable(parameter.getType()));
            } else if (parameter.isAnnotationPresent(BeanParam.class)) {
                fields(parameter.getType(), names);
            }
        }
        if (resourceClass != null) {
            fields(resourceClass, names);
        }
        return java.util.Collections.unmodifiableMap(names);
    }

    private static void fields(Class<?> type, Map<String, Boolean> names) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                QueryParam query = field.getAnnotation(QueryParam.class);
                if (query != null) {
                    names.put(query.value(), repeatable(field.getType()));
                }
            }
        }
    }

    private static boolean repeatable(Class<?> type) {
        return Collection.class.isAssignableFrom(type) || type.isArray();
    }
}
