-- HTTP request headers a channel source sends upstream (User-Agent, Referer, ...): one JSON
-- object, names sorted, null for none; written by imports (from the list) and admins.
-- headers_edited marks headers an admin set: imports leave those as they are.
-- Portable SQL: runs on H2 (PostgreSQL mode) and PostgreSQL.

alter table channel_sources add column headers varchar(65535);
alter table channel_sources add column headers_edited boolean not null default false;
