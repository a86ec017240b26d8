package org.aicenter.systemtests.reliability;

import org.aicenter.systemtests.RunningSystem;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What must hold in the databases, read with SQL: every acknowledged write is there as it was
 * acknowledged, and no aggregate is half-written (a project without its lead or with fewer
 * participants or milestones than it was created with; seats, waitlist positions and statuses of
 * a programme that do not add up).
 */
final class DataChecks {

    private final RunningSystem system;

    DataChecks(RunningSystem system) {
        this.system = system;
    }

    /** Acknowledged writes that are missing or not as acknowledged, one line each. */
    List<String> lost(List<Workload.Ack> acks) throws SQLException {
        List<String> lost = new ArrayList<>();
        Map<String, List<Workload.Ack>> byKind = new HashMap<>();
        acks.forEach(ack -> byKind.computeIfAbsent(ack.kind(), k -> new ArrayList<>()).add(ack));
        try (Connection db = system.connect("partners")) {
            Set<String> found = ids(db, "select id from partners where id = any(?)", byKind.get("partner"));
            for (Workload.Ack ack : byKind.getOrDefault("partner", List.of())) {
                if (!found.contains(ack.id())) {
                    lost.add("partner " + ack.id() + " (" + ack.expected().get("name") + ")");
                }
            }
        }
        try (Connection db = system.connect("projects")) {
            Map<String, int[]> shape = new HashMap<>();
            List<Workload.Ack> projects = byKind.getOrDefault("project", List.of());
            try (PreparedStatement query = db.prepareStatement("""
                    select p.id,
                           (select count(*) from project_participants pp where pp.project_id = p.id),
                           (select count(*) from project_milestones m where m.project_id = p.id)
                    from projects p where p.id = any(?)""")) {
                query.setArray(1, uuids(db, projects));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        shape.put(rows.getString(1), new int[] {rows.getInt(2), rows.getInt(3)});
                    }
                }
            }
            for (Workload.Ack ack : projects) {
                int[] counts = shape.get(ack.id());
                if (counts == null) {
                    lost.add("project " + ack.id() + " (" + ack.expected().get("title") + ")");
                } else if (counts[0] != Integer.parseInt(ack.expected().get("participants"))
                        || counts[1] != Integer.parseInt(ack.expected().get("milestones"))) {
                    lost.add("project " + ack.id() + " has " + counts[0] + " participants and " + counts[1] + " milestones");
                }
            }
        }
        try (Connection db = system.connect("training")) {
            Map<String, String> status = new HashMap<>();
            List<Workload.Ack> enrolments = new ArrayList<>(byKind.getOrDefault("enrolment", List.of()));
            enrolments.addAll(byKind.getOrDefault("cancellation", List.of()));
            try (PreparedStatement query = db.prepareStatement("select id, status from enrolments where id = any(?)")) {
                query.setArray(1, uuids(db, enrolments));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        status.put(rows.getString(1), rows.getString(2));
                    }
                }
            }
            for (Workload.Ack ack : enrolments) {
                String now = status.get(ack.id());
                if (now == null) {
                    lost.add("enrolment " + ack.id() + " (" + ack.expected().get("email") + ")");
                } else if (ack.kind().equals("cancellation") && !now.equals("CANCELLED")) {
                    lost.add("cancellation of enrolment " + ack.id() + ": it is " + now);
                }
            }
        }
        return lost;
    }

    /** Aggregates that are not whole, one line each; empty when every one is. */
    List<String> halfWritten(String loadTitlePrefix) throws SQLException {
        List<String> broken = new ArrayList<>();
        try (Connection db = system.connect("projects")) {
            broken.addAll(lines(db, """
                    select 'project ' || p.code || ' has no LEAD participant'
                    from projects p
                    where not exists (select 1 from project_participants pp where pp.project_id = p.id and pp.role = 'LEAD')"""));
            try (PreparedStatement query = db.prepareStatement("""
                    select 'project ' || p.code || ' (' || p.title || ') has ' || count(distinct pp.partner_id)
                           || ' participants and ' || count(distinct m.id) || ' milestones, made with 2 and 2'
                    from projects p
                    left join project_participants pp on pp.project_id = p.id
                    left join project_milestones m on m.project_id = p.id
                    where p.title like ?
                    group by p.id, p.code, p.title
                    having count(distinct pp.partner_id) <> 2 or count(distinct m.id) <> 2""")) {
                query.setString(1, loadTitlePrefix + "%");
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        broken.add(rows.getString(1));
                    }
                }
            }
        }
        try (Connection db = system.connect("training")) {
            broken.addAll(lines(db, """
                    select 'programme ' || p.code || ': capacity ' || p.capacity || ', seats taken ' || s.taken
                           || ', waitlisted ' || s.waitlisted || ', positions ' || coalesce(s.low, 0) || '..' || coalesce(s.high, 0)
                           || ' (' || s.distinct_positions || ' distinct), waitlisted without a position ' || s.unplaced
                    from programmes p
                    join (select programme_id,
                                 count(*) filter (where status in ('ENROLLED', 'COMPLETED', 'NO_SHOW')) as taken,
                                 count(*) filter (where status = 'WAITLISTED') as waitlisted,
                                 min(waitlist_position) filter (where status = 'WAITLISTED') as low,
                                 max(waitlist_position) filter (where status = 'WAITLISTED') as high,
                                 count(distinct waitlist_position) filter (where status = 'WAITLISTED') as distinct_positions,
                                 count(*) filter (where status = 'WAITLISTED' and waitlist_position is null) as unplaced
                          from enrolments group by programme_id) s on s.programme_id = p.id
                    where s.taken > p.capacity
                       or s.unplaced > 0
                       or (s.waitlisted > 0 and (s.low <> 1 or s.high <> s.waitlisted or s.distinct_positions <> s.waitlisted))
                       or (s.waitlisted > 0 and s.taken < p.capacity and p.status in ('PUBLISHED', 'IN_PROGRESS'))"""));
            broken.addAll(lines(db, """
                    select 'enrolment ' || e.id || ' is ' || e.status || ' with waitlist position ' || e.waitlist_position
                    from enrolments e where e.status <> 'WAITLISTED' and e.waitlist_position is not null"""));
        }
        return broken;
    }

    /** Rows per key among the projects made in the idempotency scenario: title -> count. */
    Map<String, Integer> projectsByTitle(String prefix) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection db = system.connect("projects");
             PreparedStatement query = db.prepareStatement("select title, count(*) from projects where title like ? group by title")) {
            query.setString(1, prefix + "%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return counts;
    }

    /**
     * Open client connections per service database, as PostgreSQL sees them. Autovacuum workers
     * also show a database in pg_stat_activity, and under this load they visit the busy tables;
     * they are PostgreSQL's own, not a pool's, so only client backends count.
     */
    Map<String, Integer> connections() throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection db = system.connect("postgres");
             PreparedStatement query = db.prepareStatement(
                     "select datname, count(*) from pg_stat_activity where datname = any(?) and pid <> pg_backend_pid()"
                             + " and backend_type = 'client backend' group by datname")) {
            query.setArray(1, db.createArrayOf("text", RunningSystem.DATABASES.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return counts;
    }

    private static List<String> lines(Connection db, String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                lines.add(rows.getString(1));
            }
        }
        return lines;
    }

    private static Set<String> ids(Connection db, String sql, List<Workload.Ack> acks) throws SQLException {
        Set<String> found = new HashSet<>();
        if (acks == null || acks.isEmpty()) {
            return found;
        }
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setArray(1, uuids(db, acks));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
        }
        return found;
    }

    private static Array uuids(Connection db, List<Workload.Ack> acks) throws SQLException {
        return db.createArrayOf("uuid", acks.stream().map(a -> UUID.fromString(a.id())).toArray());
    }
}
