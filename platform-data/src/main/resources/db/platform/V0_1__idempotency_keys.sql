-- Idempotency-Key answers, per caller, kept 24 hours (platform module; every service has this table).
create table idempotency_keys (
    caller       text        not null,
    idem_key     text        not null,
    request_hash text        not null,
    status       integer,
    location     text,
    etag         text,
    body         text,
    created_at   timestamptz not null,
    primary key (caller, idem_key)
);
create index idempotency_keys_created_at on idempotency_keys (created_at);
