# Summarises `jfr print --stack-depth 64 --events jdk.ExecutionSample FILE`: where the sampled
# Java threads were running. Each sample goes to the library of its top-most frame outside the
# JDK (a HashMap.get called by Hibernate counts as Hibernate); then the hottest methods.
# usage: jfr print ... | awk -f jfr-summary.awk

function library(frame) {
    if (frame ~ /^com\.fasterxml\.jackson/) return "JSON (Jackson)"
    if (frame ~ /^org\.hibernate\.validator/) return "Bean Validation (Hibernate Validator)"
    if (frame ~ /^org\.hibernate/) return "Hibernate ORM"
    if (frame ~ /^io\.quarkus\.hibernate|^io\.quarkus\.panache/) return "Hibernate ORM"
    if (frame ~ /^org\.postgresql/) return "JDBC driver (pgjdbc)"
    if (frame ~ /^io\.agroal|^com\.arjuna|^io\.quarkus\.narayana|^io\.quarkus\.agroal/) return "connection pool and transactions"
    if (frame ~ /^io\.smallrye\.jwt|^org\.jose4j|^io\.quarkus\.smallrye\.jwt/) return "JWT (smallrye-jwt, jose4j)"
    if (frame ~ /^io\.quarkus\.security|^io\.quarkus\.vertx\.http\.runtime\.security/) return "security"
    if (frame ~ /^io\.netty/) return "HTTP (Netty)"
    if (frame ~ /^io\.vertx/) return "HTTP (Vert.x)"
    if (frame ~ /^org\.jboss\.resteasy|^io\.quarkus\.resteasy|^io\.quarkus\.rest/) return "REST layer (Quarkus REST)"
    if (frame ~ /^io\.micrometer|^io\.quarkus\.micrometer|^io\.prometheus/) return "metrics (Micrometer)"
    if (frame ~ /^org\.jboss\.logmanager|^org\.jboss\.logging|^io\.quarkus\.bootstrap\.logging/) return "logging"
    if (frame ~ /^io\.quarkus\.arc|^io\.quarkus\.runtime/) return "CDI and Quarkus runtime"
    if (frame ~ /^io\.smallrye\.context|^io\.smallrye\.mutiny/) return "context propagation, Mutiny"
    if (frame ~ /^org\.aicenter/) return "project code (org.aicenter)"
    n = split(frame, p, ".")
    return p[1] "." p[2]
}

/^jdk\.ExecutionSample/ { inStack = 0; top = ""; lib = ""; next }
/stackTrace = \[/ { inStack = 1; next }
inStack && /^[ \t]*\]/ {
    inStack = 0
    samples++
    if (top != "") self[top]++
    libs[lib == "" ? "JDK only (java.*, jdk.*, sun.*)" : lib]++
    next
}
inStack {
    frame = $0
    sub(/^[ \t]+/, "", frame)
    sub(/[ \t]+line:.*$/, "", frame)
    if (frame == "...") next
    if (top == "") top = frame
    if (lib == "" && frame !~ /^(java|javax|jdk|sun|com\.sun)\./) lib = library(frame)
}

END {
    if (samples == 0) { print "  no execution samples"; exit }
    printf "  %d samples of running Java threads, by library (top-most frame outside the JDK):\n", samples
    n = 0
    for (l in libs) order[++n] = sprintf("%08d\t%s", libs[l], l)
    sortdesc(order, n)
    for (i = 1; i <= n && i <= 12; i++) { split(order[i], f, "\t"); printf "    %5.1f%%  %s\n", 100 * f[1] / samples, f[2] }
    printf "  hottest methods (top frame):\n"
    delete order
    n = 0
    for (m in self) order[++n] = sprintf("%08d\t%s", self[m], m)
    sortdesc(order, n)
    for (i = 1; i <= n && i <= 12; i++) { split(order[i], f, "\t"); printf "    %5.1f%%  %s\n", 100 * f[1] / samples, f[2] }
}

# insertion sort, descending (mawk has no asort)
function sortdesc(a, n,    i, j, t) {
    for (i = 2; i <= n; i++) {
        t = a[i]
        for (j = i - 1; j >= 1 && a[j] < t; j--) a[j + 1] = a[j]
        a[j + 1] = t
    }
}
