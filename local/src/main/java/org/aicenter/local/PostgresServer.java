package org.aicenter.local;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A PostgreSQL server to make the services' databases on: the embedded one, or one named by a URL
 * such as {@code jdbc:postgresql://db.example:5432/postgres?user=aic&password=...} (the form of
 * {@code AIC_DATABASE_URL} for {@code ./aic up} and {@code TEST_DATABASE_URL} for the tests).
 *
 * @param jdbcUrl     the URL of its maintenance database, without user and password
 * @param description what it is, for messages (never the password)
 */
public record PostgresServer(String jdbcUrl, String user, String password, String description) {

    /** The server a URL names; user and password come from its query ({@code postgres} and none by default). */
    public static PostgresServer fromUrl(String url, String name) {
        String jdbc = url.strip().startsWith("jdbc:") ? url.strip() : "jdbc:" + url.strip();
        URI uri;
        try {
            uri = URI.create(jdbc.substring("jdbc:".length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not a URL like jdbc:postgresql://host:5432/postgres?user=...&password=...");
        }
        if (!"postgresql".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " must name a PostgreSQL server: jdbc:postgresql://host:5432/postgres?user=...&password=...");
        }
        Map<String, String> query = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], kv.length > 1 ? java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8) : "");
            }
        }
        String base = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + (uri.getPath() == null || uri.getPath().length() <= 1 ? "/postgres" : uri.getPath());
        return new PostgresServer(base, query.getOrDefault("user", "postgres"), query.getOrDefault("password", ""),
                name + " server " + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : ""));
    }

    /** The URL of {@code database} on this server. */
    public String jdbcUrlFor(String database) {
        int slash = jdbcUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = jdbcUrl.indexOf('?');
        return jdbcUrl.substring(0, slash + 1) + database + (query >= 0 ? jdbcUrl.substring(query) : "");
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    /** Creates each database that is missing; returns the names it created. */
    public List<String> ensureDatabases(List<String> names) throws SQLException {
        List<String> created = new ArrayList<>();
        try (Connection connection = connect()) {
            for (String name : names) {
                if (!name.matches("[a-z][a-z0-9_]*")) {
                    throw new IllegalArgumentException("not a plain database name: " + name);
                }
                boolean exists;
                try (PreparedStatement query = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                    query.setString(1, name);
                    try (ResultSet rows = query.executeQuery()) {
                        exists = rows.next();
                    }
                }
                if (!exists) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("create database " + name + " encoding 'UTF8'");
                    }
                    created.add(name);
                }
            }
        }
        return created;
    }
}
