-- The change feed's outbox (platform module; every service has these tables). One row per change,
-- written in the change's own transaction. Readers order by (xid, position) and read only below the
-- oldest transaction still running (pg_snapshot_xmin), so an event that commits late is never
-- skipped: see org.aicenter.platform.changes.ChangeFeed.
create table change_events (
    position    bigint      generated always as identity primary key,
    xid         xid8        not null default pg_current_xact_id(),
    id          uuid        not null unique,
    type        text        not null,
    source      text        not null,
    subject     uuid        not null,
    occurred_at timestamptz not null,
    actor       text        not null,
    version     bigint      not null,
    data        jsonb       not null
);
create index change_events_order on change_events (xid, position);
create index change_events_occurred_at on change_events (occurred_at);

-- Where the feed begins: everything up to here was purged. A cursor below it is 410 cursor-expired.
create table change_feed_horizon (
    only_row boolean not null primary key default true check (only_row),
    xid      xid8    not null,
    position bigint  not null
);
insert into change_feed_horizon (only_row, xid, position) values (true, '0', 0);
