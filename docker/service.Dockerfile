# The JVM image of one service or the gateway, from the fast-jar layout Quarkus builds in
# <module>/target/quarkus-app. Build the application first, then the image, from the repository root
# (docker-compose.yml builds every image this way):
#   ./mvnw -B package -DskipTests -pl partner-service -am
#   docker build -f docker/service.Dockerfile --build-arg MODULE=partner-service --build-arg PORT=8081 -t aic/partner-service .
# Configuration comes from the environment only (QUARKUS_HTTP_PORT, QUARKUS_DATASOURCE_*, JWT_PUBLIC_KEY_LOCATION,
# JWT_ISSUER, JWT_AUDIENCE, PARTNER_SERVICE_URL, ...), as in the runtime contract the local launcher uses.
# Metrics and the detailed health are on the management interface, port 9000 (QUARKUS_MANAGEMENT_PORT):
# for probes and Prometheus inside the cluster, never published.
# JDK 25, the current LTS: the image carries an AOT cache of the service (below). The sources are at
# Java 17's level, so the same jar still runs on a JDK 17 (with AppCDS instead, as ./aic up does there).
FROM eclipse-temurin:25-jre

ARG MODULE
ARG PORT

# curl answers the container's health check.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*

ENV LANG=C.UTF-8 \
    QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=${PORT} \
    QUARKUS_MANAGEMENT_PORT=9000

WORKDIR /deployments
# The JVM runs as the local launcher and the bench run it: the options and the native environment
# written once in runtime/ (a 64 MB heap, the serial collector, small stacks, two malloc arenas, ...).
COPY --chown=185 runtime/jvm.options runtime/jvm.env /deployments/
COPY --chown=185 ${MODULE}/target/quarkus-app/lib/ /deployments/lib/
COPY --chown=185 ${MODULE}/target/quarkus-app/*.jar /deployments/
COPY --chown=185 ${MODULE}/target/quarkus-app/app/ /deployments/app/
COPY --chown=185 ${MODULE}/target/quarkus-app/quarkus/ /deployments/quarkus/

# The AOT cache (JEP 483/514/515): a training run when the image is built, in which Quarkus starts to
# the end of its static initialisation and exits (quarkus.appcds.generate), so no database is needed;
# the JVM writes the classes it loaded, parsed and linked to app.aot, which every start then maps.
# The cache belongs to these exact jars and this JVM: rebuilt with the image, never copied between them.
RUN set -a && . /deployments/jvm.env && set +a \
    && java @/deployments/jvm.options -XX:AOTCacheOutput=/deployments/app.aot -Dquarkus.appcds.generate=true \
        -jar /deployments/quarkus-run.jar \
    && rm -f /deployments/app.aot.config && test -s /deployments/app.aot

USER 185
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=10 \
    CMD curl -fsS "http://localhost:${QUARKUS_MANAGEMENT_PORT}/q/health/ready" || exit 1
# JAVA_OPTS_APPEND: more options for one deployment, after the shared ones (the last -Xmx wins).
ENTRYPOINT ["sh", "-c", "set -a && . /deployments/jvm.env && set +a && exec java @/deployments/jvm.options -XX:AOTCache=/deployments/app.aot $JAVA_OPTS_APPEND -jar /deployments/quarkus-run.jar"]
