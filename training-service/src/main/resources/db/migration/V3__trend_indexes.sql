-- Trends count by the time things happened: cancellations and completions per period, and the
-- completion rate of the programmes that end in it.
create index enrolments_cancelled_at on enrolments (cancelled_at) where cancelled_at is not null;
create index enrolments_completed_at on enrolments (completed_at) where completed_at is not null;
create index programmes_end_date on programmes (end_date, id);
