-- Milestones and outcomes are lists like any other: updatedSince needs each part's last change.
-- Parts that exist already take the migration's time, so a client's next updatedSince sees them once.
alter table project_milestones add column updated_at timestamptz not null default now();
alter table project_outcomes add column updated_at timestamptz not null default now();
alter table project_milestones alter column updated_at drop default;
alter table project_outcomes alter column updated_at drop default;
create index project_milestones_updated on project_milestones (project_id, updated_at, id);
create index project_outcomes_updated on project_outcomes (project_id, updated_at, id);
