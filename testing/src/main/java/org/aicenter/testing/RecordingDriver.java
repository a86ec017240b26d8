package org.aicenter.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * PostgreSQL's JDBC driver with a memory: while a thread runs {@link #record}, every prepared statement it
 * executes is kept with its values written in as SQL literals, so a test can EXPLAIN exactly what the service
 * sent, planned for those values. Everything else goes straight to PostgreSQL's driver.
 * A test selects it as {@code quarkus.datasource.jdbc.driver} through {@link QueryPlans.Profile}.
 */
public final class RecordingDriver implements Driver {

    private static final Driver POSTGRES = new org.postgresql.Driver();
    private static final ThreadLocal<List<String>> RECORDING = new ThreadLocal<>();
    private static final Set<String> EXECUTE = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate");

    /** Runs {@code work} and answers the statements this thread executed meanwhile, values in place, in order. */
    public static List<String> record(Runnable work) {
        List<String> statements = new ArrayList<>();
        RECORDING.set(statements);
        try {
            work.run();
            return List.copyOf(statements);
        } finally {
            RECORDING.remove();
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        Connection connection = POSTGRES.connect(url, info);
        return connection == null ? null : proxy(Connection.class, connection, (target, method, args) -> {
            Object result = invoke(target, method, args);
            return result instanceof PreparedStatement statement && method.getName().equals("prepareStatement")
                    ? recording(statement, (String) args[0]) : result;
        });
    }

    private static PreparedStatement recording(PreparedStatement statement, String sql) {
        Map<Integer, Object> values = new TreeMap<>();
        return proxy(PreparedStatement.class, statement, (target, method, args) -> {
            String name = method.getName();
            if (name.equals("setNull") && args.length >= 2) {
                values.put((Integer) args[0], null);
            } else if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index) {
                values.put(index, args[1]);
            } else if (name.equals("clearParameters")) {
                values.clear();
            }
            List<String> recording = RECORDING.get();
            if (recording != null && EXECUTE.contains(name) && (args == null || args.length == 0)) {
                recording.add(withValues(sql, values));
            }
            return invoke(target, method, args);
        });
    }

    /** The statement with its i-th {@code ?} (outside quoted text) replaced by the literal of the i-th value. */
    static String withValues(String sql, Map<Integer, Object> values) {
        StringBuilder out = new StringBuilder(sql.length() + 64);
        boolean quoted = false;
        int parameter = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            if (c == '?' && !quoted) {
                out.append(literal(values.get(++parameter)));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String literal(Object value) {
        try {
            if (value instanceof java.sql.Array array) {
                value = array.getArray();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        if (value == null) {
            return "null";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            value = timestamp.toInstant();
        }
        if (value instanceof Object[] elements) {
            StringBuilder array = new StringBuilder("{");
            for (int i = 0; i < elements.length; i++) {
                array.append(i == 0 ? "" : ",").append('"')
                        .append(String.valueOf(elements[i]).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
            value = array.append('}');
        }
        return "'" + value.toString().replace("'", "''") + "'";
    }

    private interface Call<T> {
        Object on(T target, Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Call<T> call) {
        InvocationHandler handler = (ignored, method, args) -> {
            if (method.getName().equals("unwrap") && args.length == 1 && ((Class<?>) args[0]).isInstance(target)) {
                return target;
            }
            return call.on(target, method, args);
        };
        return type.cast(Proxy.newProxyInstance(RecordingDriver.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
        return POSTGRES.acceptsURL(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return POSTGRES.getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return POSTGRES.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
        return POSTGRES.getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
        return POSTGRES.jdbcCompliant();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return POSTGRES.getParentLogger();
    }
}
