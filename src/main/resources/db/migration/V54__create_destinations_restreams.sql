-- Restreaming: destinations (an RTMP/RTMPS ingest configured once: a preset or a custom URL, and
-- its stream key encrypted with the server's SecretBox, never stored in the clear) and restreams
-- (one source channel sent to N destinations, each with an encoding profile and an audio mode).
-- Running state is in memory; only the configuration is here. A destination used by a restream
-- cannot be deleted; deleting a channel deletes its restreams. Portable SQL: H2 and PostgreSQL.

create sequence destinations_seq start with 1 increment by 50;
create sequence restreams_seq start with 1 increment by 50;

create table destinations (
    id bigint not null,
    name varchar(200) not null,
    preset varchar(20) not null,
    url varchar(1000),
    stream_key varchar(2000),
    last_used_at timestamp with time zone,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint pk_destinations primary key (id),
    constraint uq_destinations_name unique (name),
    constraint ck_destinations_preset check (preset in ('youtube', 'youtube-backup', 'twitch', 'facebook', 'kick',
        'custom'))
);

create table restreams (
    id bigint not null,
    channel_id bigint not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint pk_restreams primary key (id),
    constraint fk_restreams_channel foreign key (channel_id) references channels (id) on delete cascade
);
create index ix_restreams_channel on restreams (channel_id);

create table restream_destinations (
    restream_id bigint not null,
    position integer not null,
    destination_id bigint not null,
    profile varchar(10) not null,
    audio varchar(12) not null,
    constraint pk_restream_destinations primary key (restream_id, position),
    constraint uq_restream_destinations unique (restream_id, destination_id),
    constraint ck_restream_destinations_profile check (profile in ('copy', '1080p', '720p', '480p')),
    constraint ck_restream_destinations_audio check (audio in ('auto', 'passthrough', 'silence', 'mute')),
    constraint fk_restream_destinations_restream foreign key (restream_id) references restreams (id)
        on delete cascade,
    constraint fk_restream_destinations_destination foreign key (destination_id) references destinations (id)
);
create index ix_restream_destinations_destination on restream_destinations (destination_id);
