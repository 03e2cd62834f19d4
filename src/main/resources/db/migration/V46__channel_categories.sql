-- A live channel in several categories: iptv-org's group-title="General;News", and index files
-- that list a channel once per group. channels.category_id stays the first (primary) category;
-- this table holds the others, in list order. Portable SQL: H2 (PostgreSQL mode) and PostgreSQL.
create table channel_categories (
    channel_id bigint not null,
    category_id bigint not null,
    position integer not null,
    constraint pk_channel_categories primary key (channel_id, category_id),
    constraint fk_channel_categories_channel foreign key (channel_id) references channels (id) on delete cascade,
    constraint fk_channel_categories_category foreign key (category_id) references categories (id) on delete cascade
);
create index ix_channel_categories_category on channel_categories (category_id);
