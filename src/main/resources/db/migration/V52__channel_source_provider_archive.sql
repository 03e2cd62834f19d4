-- A provider's own catch-up archive of a channel source (Xtream get_live_streams tv_archive and
-- tv_archive_duration): the days it keeps, 0 = none (the default: every existing source has
-- none), and the time zone the provider reads timeshift starts in (server_info.timezone), null
-- when it named none or an unknown one. Written by imports. Portable SQL: H2 and PostgreSQL.

alter table channel_sources add column archive_days integer default 0 not null;
alter table channel_sources add column archive_time_zone varchar(64);
