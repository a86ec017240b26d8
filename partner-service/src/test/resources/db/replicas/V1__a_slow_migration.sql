-- A migration that takes a while, so a second replica starting meanwhile finds it under way.
select pg_sleep(3);
create table replica_check (id integer primary key);
