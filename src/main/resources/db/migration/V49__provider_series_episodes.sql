-- Episodes of provider (Xtream) series, fetched per series with get_series_info.
-- series.episodes_version: the provider's last_modified of the series when its episodes were
-- last read successfully (null: never), so that later imports fetch only new and changed series.
-- episodes.provider_id: the provider's episode id, so that a re-read series keeps our episode ids
-- (they are in apps' stream URLs, favourites and watch history). Null for episodes added by hand.
-- Imports insert episodes and seasons in JDBC batches of 500: their id blocks are 500 wide, as
-- V41 did for movies and series. Portable SQL: runs on H2 (PostgreSQL mode) and PostgreSQL.

alter table series add column episodes_version varchar(64);
alter table episodes add column provider_id varchar(32);
alter sequence episodes_seq increment by 500;
alter sequence seasons_seq increment by 500;
