create extension if not exists pg_trgm;

-- The last programme number handed out per year; TRN-<year>-<number> codes come from here.
-- Taking a number updates this row, so concurrent creations queue on it and never share a code,
-- and a creation that rolls back gives its number back.
create table programme_code_counters (
    year        integer primary key,
    last_number integer not null
);

create table programmes (
    id                 uuid          primary key,
    version            bigint        not null,
    code               varchar(20)   not null,
    title              varchar(300)  not null,
    description        varchar(10000),
    topic              varchar(32)   not null,
    format             varchar(16)   not null,
    level              varchar(16)   not null,
    language           varchar(2)    not null,
    capacity           integer       not null,
    location           varchar(500),
    status             varchar(16)   not null,
    start_date         date          not null,
    end_date           date          not null,
    enrolment_deadline date          not null,
    instructors        jsonb         not null default '[]',
    host_partner_id    uuid,
    created_at         timestamptz   not null,
    updated_at         timestamptz   not null,
    created_by         varchar(200)  not null,
    updated_by         varchar(200)  not null,
    constraint programmes_capacity check (capacity between 1 and 10000),
    constraint programmes_language check (language in ('zh', 'en')),
    constraint programmes_dates check (end_date >= start_date and enrolment_deadline <= start_date),
    constraint programmes_location check (format = 'ONLINE' or location is not null)
);
create unique index programmes_code_unique on programmes (code);

-- One index behind every filter and sort the list offers (the catalogue is status + start date).
create index programmes_status on programmes (status, start_date, id);
create index programmes_topic on programmes (topic, start_date, id);
create index programmes_format on programmes (format, start_date, id);
create index programmes_level on programmes (level, start_date, id);
create index programmes_language on programmes (language, start_date, id);
create index programmes_host_partner on programmes (host_partner_id, start_date, id) where host_partner_id is not null;
create index programmes_start_date on programmes (start_date, id);
create index programmes_deadline on programmes (enrolment_deadline, id);
create index programmes_title on programmes (title, id);
create index programmes_created_at on programmes (created_at, id);
create index programmes_updated_at on programmes (updated_at, id);
-- q: substring search over code, title and description, Chinese or English.
create index programmes_code_trgm on programmes using gin (lower(code) gin_trgm_ops);
create index programmes_title_trgm on programmes using gin (lower(title) gin_trgm_ops);
create index programmes_description_trgm on programmes using gin (lower(description) gin_trgm_ops);

create table programme_sessions (
    id           uuid         primary key,
    version      bigint       not null,
    programme_id uuid         not null references programmes (id) on delete cascade,
    title        varchar(300) not null,
    starts_at    timestamptz  not null,
    ends_at      timestamptz  not null,
    location     varchar(500),
    created_at   timestamptz  not null,
    updated_at   timestamptz  not null,
    created_by   varchar(200) not null,
    updated_by   varchar(200) not null,
    constraint programme_sessions_times check (ends_at > starts_at)
);
create index programme_sessions_programme on programme_sessions (programme_id, starts_at, id);

create table programme_transitions (
    id          bigint generated always as identity primary key,
    subject_id  uuid          not null references programmes (id) on delete cascade,
    from_status varchar(16)   not null,
    to_status   varchar(16)   not null,
    reason      varchar(1000) not null,
    changed_by  varchar(200)  not null,
    changed_at  timestamptz   not null
);
create index programme_transitions_subject on programme_transitions (subject_id, id);
