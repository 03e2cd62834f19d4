-- VOD: movies, and series with seasons and episodes, as the Xtream surface lists them.

create sequence movies_seq start with 1 increment by 50;
create sequence series_seq start with 1 increment by 50;
create sequence seasons_seq start with 1 increment by 50;
create sequence episodes_seq start with 1 increment by 50;

create table movies (
    id bigint not null,
    name varchar(300) not null,
    category_id bigint,
    source_url varchar(4096) not null,
    container_extension varchar(10) not null,
    poster_url varchar(2048),
    plot varchar(4000),
    cast_names varchar(1000),
    director varchar(300),
    genre varchar(300),
    release_date date,
    duration_seconds integer,
    rating numeric(4, 2),
    tmdb_id varchar(32),
    trailer varchar(300),
    enabled boolean not null default true,
    created_at timestamp with time zone not null,
    constraint pk_movies primary key (id),
    constraint fk_movies_category foreign key (category_id) references categories (id)
);
create index ix_movies_category on movies (category_id);

create table series (
    id bigint not null,
    name varchar(300) not null,
    category_id bigint,
    cover_url varchar(2048),
    backdrop_url varchar(2048),
    plot varchar(4000),
    cast_names varchar(1000),
    director varchar(300),
    genre varchar(300),
    release_date date,
    rating numeric(4, 2),
    tmdb_id varchar(32),
    trailer varchar(300),
    enabled boolean not null default true,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint pk_series primary key (id),
    constraint fk_series_category foreign key (category_id) references categories (id)
);
create index ix_series_category on series (category_id);

create table seasons (
    id bigint not null,
    series_id bigint not null,
    season_number integer not null,
    name varchar(300),
    overview varchar(4000),
    air_date date,
    cover_url varchar(2048),
    constraint pk_seasons primary key (id),
    constraint fk_seasons_series foreign key (series_id) references series (id) on delete cascade,
    constraint uq_seasons_number unique (series_id, season_number)
);

create table episodes (
    id bigint not null,
    series_id bigint not null,
    season_number integer not null,
    episode_number integer not null,
    title varchar(300) not null,
    source_url varchar(4096) not null,
    container_extension varchar(10) not null,
    plot varchar(4000),
    duration_seconds integer,
    image_url varchar(2048),
    created_at timestamp with time zone not null,
    constraint pk_episodes primary key (id),
    constraint fk_episodes_series foreign key (series_id) references series (id) on delete cascade,
    constraint uq_episodes_number unique (series_id, season_number, episode_number)
);
