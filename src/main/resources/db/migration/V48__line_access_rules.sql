-- Line access rules: allowed stream formats, client addresses (CIDR) and user agents, one value
-- per line of text (null: no rule); the lock to the first address that used the line and that
-- address; a country/ISP lock that is stored but not enforced (no GeoIP database).

alter table users add column allowed_formats varchar(16);
alter table users add column allowed_addresses varchar(8000);
alter table users add column allowed_user_agents varchar(12000);
alter table users add column lock_first_address boolean default false not null;
alter table users add column first_address varchar(64);
alter table users add column first_address_at timestamp with time zone;
alter table users add column country_lock varchar(2);
alter table users add column isp_lock varchar(100);
