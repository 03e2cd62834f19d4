-- Restream overlays: text drawn by ffmpeg's drawtext, or a PNG asset (logo) put on with overlay,
-- on a restream's encoded destinations (copy destinations cannot carry them), and the named values
-- the text templates use ({temperature}). An asset's bytes are a file under the data folder, named
-- by its id; an asset used by an overlay cannot be deleted.
-- The text itself goes to ffmpeg through a file, never into the filter graph. Deleting a restream
-- deletes its overlays and values. Portable SQL: H2 and PostgreSQL.

create sequence restream_overlays_seq start with 1 increment by 50;
create sequence restream_assets_seq start with 1 increment by 50;

create table restream_assets (
    id bigint not null,
    name varchar(200) not null,
    size_bytes bigint not null,
    width integer not null,
    height integer not null,
    created_at timestamp with time zone not null,
    constraint pk_restream_assets primary key (id)
);

create table restream_overlays (
    id bigint not null,
    restream_id bigint not null,
    type varchar(10) not null,
    text varchar(4000),
    asset_id bigint,
    x integer not null,
    y integer not null,
    opacity double precision not null,
    font_size integer not null,
    scale double precision not null,
    color varchar(7) not null,
    box_color varchar(7),
    fade_in_seconds double precision not null,
    fade_out_seconds double precision not null,
    duration_seconds double precision not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint pk_restream_overlays primary key (id),
    constraint ck_restream_overlays_type check (type in ('text', 'image')),
    constraint fk_restream_overlays_restream foreign key (restream_id) references restreams (id)
        on delete cascade,
    constraint fk_restream_overlays_asset foreign key (asset_id) references restream_assets (id)
);
create index ix_restream_overlays_restream on restream_overlays (restream_id);
create index ix_restream_overlays_asset on restream_overlays (asset_id);

create table restream_overlay_values (
    restream_id bigint not null,
    name varchar(32) not null,
    value_text varchar(4000) not null,
    constraint pk_restream_overlay_values primary key (restream_id, name),
    constraint fk_restream_overlay_values_restream foreign key (restream_id) references restreams (id)
        on delete cascade
);
