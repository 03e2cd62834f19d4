-- Imports insert channels, channel sources, movies and series 500 rows per JDBC batch. Ids come
-- from the entities' pooled sequence generators; fetching the next block of ids runs a statement,
-- which ends the batch in progress, so the blocks are 500 ids wide (was 50). The next values
-- follow the last block handed out: no id is given twice.
-- Portable SQL: runs on H2 (PostgreSQL mode) and PostgreSQL.

alter sequence channels_seq increment by 500;
alter sequence channel_sources_seq increment by 500;
alter sequence movies_seq increment by 500;
alter sequence series_seq increment by 500;
