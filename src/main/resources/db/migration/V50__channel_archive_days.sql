-- Catch-up archive window of a live channel, in days: 0 = not archived (the default, so every
-- existing and imported channel stays unrecorded until an admin turns it on). The API bounds it
-- (ChannelInput). Portable SQL: runs on H2 (PostgreSQL mode) and PostgreSQL.

alter table channels add column archive_days integer default 0 not null;
