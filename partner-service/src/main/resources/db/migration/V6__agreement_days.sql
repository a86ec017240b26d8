-- Whether an agreement is in force is derived from the day (signedOn through expiresOn), so it changes
-- at midnight without a write. AgreementsInForce then writes an updated event for each partner whose
-- agreement came into or went out of force; this row says up to which day that is done, and its row
-- lock lets one replica at a time do it. Null until the first check, which starts from that day.
create table agreement_days (
    only_row boolean primary key default true check (only_row),
    done_through date
);
insert into agreement_days (only_row, done_through) values (true, null);
