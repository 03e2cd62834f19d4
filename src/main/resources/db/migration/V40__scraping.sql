-- Scraper sources (pages, playlists, provider accounts) and their runs, plus the columns the
-- catalog needs to be kept in step with them. Portable SQL: H2 (PostgreSQL mode) and PostgreSQL.

create sequence scraper_sources_seq start with 1 increment by 50;
create sequence scraper_runs_seq start with 1 increment by 50;

create table scraper_sources (
    id bigint not null,
    url varchar(2048) not null,
    type varchar(10) not null,
    enabled boolean not null default true,
    interval_minutes integer not null default 60,
    category_id bigint,
    priority integer not null default 0,
    max_connections integer,
    username varchar(200),
    -- AES-GCM ciphertext (base64) of the provider password; never returned by the API
    password_enc varchar(1000),
    last_scraped timestamp with time zone,
    channels_found integer not null default 0,
    created_at timestamp with time zone not null,
    constraint pk_scraper_sources primary key (id),
    constraint ck_scraper_sources_type check (type in ('auto', 'json', 'm3u', 'html', 'xtream')),
    constraint fk_scraper_sources_category foreign key (category_id) references categories (id) on delete set null
);

create table scraper_runs (
    id bigint not null,
    source_id bigint not null,
    started_at timestamp with time zone not null,
    finished_at timestamp with time zone,
    status varchar(10) not null,
    found integer not null default 0,
    added integer not null default 0,
    updated integer not null default 0,
    removed integer not null default 0,
    skipped integer not null default 0,
    error varchar(2000),
    constraint pk_scraper_runs primary key (id),
    constraint fk_scraper_runs_source foreign key (source_id) references scraper_sources (id) on delete cascade
);
create index ix_scraper_runs_source on scraper_runs (source_id, started_at);

-- Channels: the natural key scrapers merge on, and whether an admin edited the channel
-- (then scrapes never overwrite its name, logo or number) or a scraper disabled it.
alter table channels add column scrape_key varchar(400);
alter table channels add column manually_edited boolean not null default false;
alter table channels add column scrape_disabled boolean not null default false;
create unique index uq_channels_scrape_key on channels (scrape_key);

-- Channel sources: which scraper source feeds the row, how many runs in a row missed it,
-- and what the last liveness probe saw (null: never probed).
alter table channel_sources add column scraper_source_id bigint;
alter table channel_sources add column missed_runs integer not null default 0;
alter table channel_sources add column is_online boolean;
alter table channel_sources add column checked_at timestamp with time zone;
alter table channel_sources add constraint fk_channel_sources_scraper
    foreign key (scraper_source_id) references scraper_sources (id) on delete set null;
create index ix_channel_sources_scraper on channel_sources (scraper_source_id);

alter table movies add column scrape_key varchar(400);
alter table movies add column scraper_source_id bigint;
alter table movies add column missed_runs integer not null default 0;
alter table movies add constraint fk_movies_scraper
    foreign key (scraper_source_id) references scraper_sources (id) on delete set null;
create unique index uq_movies_scrape_key on movies (scrape_key);

alter table series add column scrape_key varchar(400);
alter table series add column scraper_source_id bigint;
alter table series add column missed_runs integer not null default 0;
alter table series add constraint fk_series_scraper
    foreign key (scraper_source_id) references scraper_sources (id) on delete set null;
create unique index uq_series_scrape_key on series (scrape_key);
