create extension if not exists pg_trgm;

create table partners (
    id               uuid         primary key,
    version          bigint       not null,
    name             varchar(200) not null,
    name_en          varchar(200),
    type             varchar(32)  not null,
    credit_code      char(18),
    website          varchar(2000),
    district         varchar(100),
    city             varchar(100),
    province         varchar(100),
    country          char(2)      not null,
    tier             varchar(16)  not null,
    status           varchar(16)  not null,
    contacts         jsonb        not null default '[]',
    agreements       jsonb        not null default '[]',
    joined_on        date,
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    created_by       varchar(200) not null,
    updated_by       varchar(200) not null
);

-- Names are unique among partners that have not ended, whatever the case.
create unique index partners_live_name_unique on partners (lower(name)) where status <> 'ENDED';
create unique index partners_credit_code_unique on partners (credit_code);

-- One index behind every filter and sort the list offers.
create index partners_type on partners (type, lower(name), id);
create index partners_status on partners (status, lower(name), id);
create index partners_tier on partners (tier, lower(name), id);
create index partners_district on partners (district, lower(name), id);
create index partners_name on partners (lower(name), id);
create index partners_name_en on partners (lower(name_en), id);
create index partners_created_at on partners (created_at, id);
create index partners_updated_at on partners (updated_at, id);
create index partners_joined_on on partners (joined_on, id);
create index partners_name_trgm on partners using gin (lower(name) gin_trgm_ops);
create index partners_name_en_trgm on partners using gin (lower(name_en) gin_trgm_ops);

create table partner_sectors (
    partner_id uuid        not null references partners (id) on delete cascade,
    sector     varchar(32) not null,
    primary key (partner_id, sector)
);
create index partner_sectors_sector on partner_sectors (sector, partner_id);

create table partner_transitions (
    id          bigint generated always as identity primary key,
    subject_id  uuid          not null references partners (id) on delete cascade,
    from_status varchar(16)   not null,
    to_status   varchar(16)   not null,
    reason      varchar(1000) not null,
    changed_by  varchar(200)  not null,
    changed_at  timestamptz   not null
);
create index partner_transitions_subject on partner_transitions (subject_id, id);
