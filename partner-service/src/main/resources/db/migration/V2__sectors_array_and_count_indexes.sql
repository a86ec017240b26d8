-- Sectors move onto the partner row: reading a partner is one row, not one row per sector,
-- and a GIN index still serves "partners in this sector".
alter table partners add column sectors varchar(32)[] not null default '{}';
update partners p set sectors = coalesce(
    (select array_agg(s.sector order by s.sector) from partner_sectors s where s.partner_id = p.id), '{}');
drop table partner_sectors;
create index partners_sectors on partners using gin (sectors);

-- Counting a filtered list reads only the index, not the table.
create index partners_type_status on partners (type, status);
create index partners_status_tier on partners (status, tier);
