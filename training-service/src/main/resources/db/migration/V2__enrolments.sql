-- btree_gist lets the exclusion constraint below compare uuids.
create extension if not exists btree_gist;

create table enrolments (
    id                       uuid         primary key,
    version                  bigint       not null,
    programme_id             uuid         not null references programmes (id) on delete cascade,
    participant_name         varchar(200) not null,
    participant_email        varchar(320) not null,
    participant_organisation varchar(300) not null,
    participant_partner_id   uuid,
    status                   varchar(16)  not null,
    waitlist_position        integer,
    certificate_code         varchar(24),
    cancel_token_hash        char(64)     not null,
    enrolled_at              timestamptz,
    completed_at             timestamptz,
    cancelled_at             timestamptz,
    created_at               timestamptz  not null,
    updated_at               timestamptz  not null,
    created_by               varchar(200) not null,
    updated_by               varchar(200) not null,
    constraint enrolments_status check (status in ('ENROLLED', 'WAITLISTED', 'CANCELLED', 'COMPLETED', 'NO_SHOW')),
    -- a waitlist position exactly while waitlisted, a certificate exactly when completed
    constraint enrolments_position check ((status = 'WAITLISTED') = (waitlist_position is not null)
                                          and (waitlist_position is null or waitlist_position > 0)),
    constraint enrolments_certificate check ((status = 'COMPLETED') = (certificate_code is not null))
);

-- One live enrolment per person and programme, whatever the case of the email.
create unique index enrolments_live_email on enrolments (programme_id, lower(participant_email))
    where status in ('ENROLLED', 'WAITLISTED');

-- Each waitlist position is held once per programme. Deferred to commit, because closing a gap
-- shifts many positions in one statement and rows pass through each other's old values.
alter table enrolments add constraint enrolments_waitlist_position_unique
    exclude using gist (programme_id with =, waitlist_position with =) where (status = 'WAITLISTED')
    deferrable initially deferred;

create unique index enrolments_certificate_code on enrolments (certificate_code) where certificate_code is not null;

-- Seat counts, the waitlist in order, and the lists by programme, email and partner.
create index enrolments_programme_status on enrolments (programme_id, status, waitlist_position);
create index enrolments_programme_created on enrolments (programme_id, created_at, id);
create index enrolments_email on enrolments (lower(participant_email), created_at, id);
create index enrolments_partner on enrolments (participant_partner_id, created_at, id)
    where participant_partner_id is not null;
create index enrolments_created_at on enrolments (created_at, id);
create index enrolments_updated_at on enrolments (updated_at, id);

create table enrolment_transitions (
    id          bigint generated always as identity primary key,
    subject_id  uuid          not null references enrolments (id) on delete cascade,
    from_status varchar(16)   not null,
    to_status   varchar(16)   not null,
    reason      varchar(1000) not null,
    changed_by  varchar(200)  not null,
    changed_at  timestamptz   not null
);
create index enrolment_transitions_subject on enrolment_transitions (subject_id, id);
