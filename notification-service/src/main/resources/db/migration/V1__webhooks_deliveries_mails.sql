-- Webhook subscriptions. The signing secrets are sealed (AES-256-GCM, the idempotency body key), never in clear.
create table subscriptions (
    id                   uuid primary key,
    version              bigint      not null,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    created_by           text        not null,
    updated_by           text        not null,
    url                  text        not null,
    types                text[]      not null,
    description          text,
    status               text        not null,
    disabled_reason      text,
    events_lost_at       timestamptz,
    secret_sealed        text        not null,
    previous_secret_sealed text,
    previous_secret_until  timestamptz
);
create index subscriptions_created on subscriptions (created_at, id);

-- Where each feed's reader is: advanced in the transaction that writes the deliveries it read.
create table feed_cursors (
    feed       text primary key,
    cursor     text,
    lost_at    timestamptz,
    updated_at timestamptz not null
);
insert into feed_cursors (feed, cursor, updated_at) values
    ('partner', null, now()), ('project', null, now()), ('training', null, now());

-- Each event read, once (its body is what every subscription receives).
create table events (
    id        text primary key,
    seq       bigserial   not null unique,
    type      text        not null,
    body      text        not null,
    read_at   timestamptz not null
);

-- One delivery per subscription and event; sent in seq order per subscription, one at a time.
create table deliveries (
    id               uuid primary key,
    subscription_id  uuid        not null references subscriptions (id) on delete cascade,
    event_id         text        not null references events (id),
    seq              bigint      not null,
    status           text        not null,
    attempts         int         not null default 0,
    next_attempt_at  timestamptz not null,
    first_failed_at  timestamptz,
    delivered_at     timestamptz,
    created_at       timestamptz not null,
    unique (subscription_id, event_id)
);
create index deliveries_pending on deliveries (subscription_id, seq) where status = 'PENDING';
create index deliveries_of_subscription on deliveries (subscription_id, seq desc);

create table delivery_attempts (
    id             uuid primary key,
    delivery_id    uuid        not null references deliveries (id) on delete cascade,
    at             timestamptz not null,
    outcome        text        not null,
    response_code  int,
    duration_ms    bigint      not null,
    error          text,
    next_attempt_at timestamptz
);
create index delivery_attempts_of on delivery_attempts (delivery_id, at);

-- Mails to participants: one per (event, kind), whatever restarts happen.
create table mails (
    id             uuid primary key,
    event_id       text        not null,
    kind           text        not null,
    recipient      text        not null,
    recipient_name text        not null,
    programme_id   uuid        not null,
    programme_title text       not null,
    programme_code text,
    certificate_code text,
    language       text,
    subject        text,
    status         text        not null,
    attempts       int         not null default 0,
    next_attempt_at timestamptz not null,
    error          text,
    created_at     timestamptz not null,
    sent_at        timestamptz,
    unique (event_id, kind)
);
create index mails_pending on mails (next_attempt_at) where status = 'PENDING';
create index mails_created on mails (created_at, id);

-- Each programme's language, kept from the programme events (else read from training-service).
create table programme_languages (
    programme_id uuid primary key,
    language     text not null
);
