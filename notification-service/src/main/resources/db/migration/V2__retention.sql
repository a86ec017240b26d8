-- What the hourly purge finds: delivered deliveries by age, and whether an event still has a delivery.
create index deliveries_delivered on deliveries (delivered_at) where status = 'DELIVERED';
create index deliveries_of_event on deliveries (event_id);
