-- Joint research projects. Every filter and sort the API offers has an index here.
create extension if not exists pg_trgm;

create table projects (
    id               uuid          primary key,
    code             text          not null,
    title            varchar(300)  not null,
    summary          varchar(10000),
    research_area    text          not null,
    status           text          not null,
    start_date       date,
    end_date         date,
    budget_amount    numeric(19,2),
    budget_currency  char(3),
    lead_partner_id  uuid          not null,
    pi_name          varchar(200),
    pi_email         varchar(254),
    pi_affiliation   varchar(300),
    version          bigint        not null,
    created_at       timestamptz   not null,
    updated_at       timestamptz   not null,
    created_by       text          not null,
    updated_by       text          not null,
    -- what q searches: code, title and summary, lower-cased once here so a trigram index serves it
    search_text      text generated always as
                     (lower(code || ' ' || title || ' ' || coalesce(summary, ''))) stored,
    constraint projects_code_unique unique (code),
    constraint projects_dates check (end_date is null or start_date is null or end_date >= start_date),
    constraint projects_budget check ((budget_amount is null) = (budget_currency is null) and
                                      (budget_amount is null or budget_amount >= 0))
);
create index projects_status on projects (status);
create index projects_research_area on projects (research_area);
create index projects_start_date on projects (start_date);
create index projects_end_date on projects (end_date);
create index projects_created_at on projects (created_at);
create index projects_updated_at on projects (updated_at);
create index projects_title on projects (title);
create index projects_budget on projects (budget_currency, budget_amount);
create index projects_budget_amount on projects (budget_amount);
create index projects_search on projects using gin (search_text gin_trgm_ops);

-- One counter per year for the AIC-<year>-<sequence> codes; bumped with an upsert that holds the
-- row lock until the creating transaction ends, so concurrent creates never share a code.
create table project_code_counters (
    year        integer primary key,
    last_value  integer not null
);

-- The lead is always among the participants, with role LEAD; so partnerId filters search here only.
create table project_participants (
    project_id  uuid    not null references projects (id) on delete cascade,
    partner_id  uuid    not null,
    role        text    not null,
    position    integer not null,
    primary key (project_id, position),
    -- deferred: reordering the list moves partners between positions within one transaction
    constraint project_participants_once unique (project_id, partner_id) deferrable initially deferred
);
create index project_participants_partner on project_participants (partner_id, project_id);

create table project_tags (
    project_id  uuid        not null references projects (id) on delete cascade,
    tag         varchar(40) not null,
    primary key (project_id, tag)
);
create index project_tags_tag on project_tags (tag, project_id);

create table project_milestones (
    id            uuid         primary key,
    project_id    uuid         not null references projects (id) on delete cascade,
    title         varchar(300) not null,
    due_date      date         not null,
    status        text         not null,
    completed_on  date,
    version       bigint       not null
);
create index project_milestones_project on project_milestones (project_id, due_date);
-- statistics: open milestones by due date (due soon, overdue)
create index project_milestones_open_due on project_milestones (due_date)
    where status in ('PLANNED', 'IN_PROGRESS');

create table project_outcomes (
    id          uuid          primary key,
    project_id  uuid          not null references projects (id) on delete cascade,
    type        text          not null,
    title       varchar(300)  not null,
    outcome_on  date,
    url         varchar(2000),
    version     bigint        not null
);
create index project_outcomes_project on project_outcomes (project_id);

create table project_transitions (
    id           bigint generated always as identity primary key,
    subject_id   uuid          not null references projects (id) on delete cascade,
    from_status  text          not null,
    to_status    text          not null,
    reason       varchar(1000) not null,
    changed_by   text          not null,
    changed_at   timestamptz   not null
);
create index project_transitions_subject on project_transitions (subject_id, id);
