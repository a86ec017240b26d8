-- Trends count status changes by the time they happened: starts, completions, cancellations per period.
create index project_transitions_to_status on project_transitions (to_status, changed_at);
