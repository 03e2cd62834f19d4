-- Catalog: categories, channels and their ordered upstream sources, bouquets.
-- Portable SQL: runs on H2 (PostgreSQL mode) and PostgreSQL.
-- Sequences (not identity columns) so that Hibernate can batch inserts during bulk imports.

create sequence categories_seq start with 1 increment by 50;
create sequence channels_seq start with 1 increment by 50;
create sequence channel_sources_seq start with 1 increment by 50;
create sequence bouquets_seq start with 1 increment by 50;

create table categories (
    id bigint not null,
    name varchar(200) not null,
    kind varchar(10) not null,
    parent_id bigint,
    sort_order integer not null default 0,
    created_at timestamp with time zone not null,
    constraint pk_categories primary key (id),
    constraint ck_categories_kind check (kind in ('live', 'movie', 'series')),
    constraint fk_categories_parent foreign key (parent_id) references categories (id),
    constraint uq_categories_kind_name unique (kind, name)
);

create table channels (
    id bigint not null,
    number integer,
    name varchar(300) not null,
    logo_url varchar(2048),
    epg_id varchar(300),
    category_id bigint,
    enabled boolean not null default true,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint pk_channels primary key (id),
    constraint fk_channels_category foreign key (category_id) references categories (id),
    constraint uq_channels_number unique (number)
);
create index ix_channels_category on channels (category_id);
create index ix_channels_epg_id on channels (epg_id);

create table channel_sources (
    id bigint not null,
    channel_id bigint not null,
    url varchar(4096) not null,
    priority integer not null default 0,
    max_connections integer,
    constraint pk_channel_sources primary key (id),
    constraint fk_channel_sources_channel foreign key (channel_id) references channels (id) on delete cascade
);
create index ix_channel_sources_channel on channel_sources (channel_id, priority);

create table bouquets (
    id bigint not null,
    name varchar(200) not null,
    created_at timestamp with time zone not null,
    constraint pk_bouquets primary key (id),
    constraint uq_bouquets_name unique (name)
);

create table bouquet_categories (
    bouquet_id bigint not null,
    category_id bigint not null,
    constraint pk_bouquet_categories primary key (bouquet_id, category_id),
    constraint fk_bouquet_categories_bouquet foreign key (bouquet_id) references bouquets (id) on delete cascade,
    constraint fk_bouquet_categories_category foreign key (category_id) references categories (id) on delete cascade
);

create table bouquet_channels (
    bouquet_id bigint not null,
    channel_id bigint not null,
    constraint pk_bouquet_channels primary key (bouquet_id, channel_id),
    constraint fk_bouquet_channels_bouquet foreign key (bouquet_id) references bouquets (id) on delete cascade,
    constraint fk_bouquet_channels_channel foreign key (channel_id) references channels (id) on delete cascade
);
