-- Trends count status changes by the time they happened: partnerships ended per period.
create index partner_transitions_to_status on partner_transitions (to_status, changed_at);
