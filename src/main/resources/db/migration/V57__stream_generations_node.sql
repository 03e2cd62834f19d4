-- The node that holds a stream's open generation (its publisher's connection and packager), and
-- when that node last said it still does. Start-up recovery ends the node's own open generations
-- (and those with no node, from before this column); any node ends open generations whose node
-- has not refreshed them within polyplex.cluster.node-stale. Portable SQL: H2 and PostgreSQL.

alter table stream_generations add column node varchar(100);
alter table stream_generations add column seen_at timestamp with time zone;
create index ix_stream_generations_node on stream_generations (node);
