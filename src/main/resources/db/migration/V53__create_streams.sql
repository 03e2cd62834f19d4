-- Published streams (RTMP ingest): the stream, its keys and its generations. A stream plays as a
-- linked channel (source ingest://stream/<id>); deleting the channel leaves the stream without one.
-- Keys are stored only as verifiers (HMAC-SHA256 hex under a server secret), never the key itself.
-- A generation is one start of the stream (starting -> live -> ended, or failed). Portable SQL:
-- runs on H2 (PostgreSQL mode) and PostgreSQL.

create sequence streams_seq start with 1 increment by 50;
create sequence stream_keys_seq start with 1 increment by 50;
create sequence stream_generations_seq start with 1 increment by 50;

create table streams (
    id bigint not null,
    name varchar(200) not null,
    visibility varchar(12) not null,
    channel_id bigint,
    allow_takeover boolean default false not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint pk_streams primary key (id),
    constraint uq_streams_name unique (name),
    constraint ck_streams_visibility check (visibility in ('public', 'subscribers', 'private')),
    constraint fk_streams_channel foreign key (channel_id) references channels (id) on delete set null
);
create index ix_streams_channel on streams (channel_id);

create table stream_keys (
    id bigint not null,
    stream_id bigint not null,
    verifier varchar(64) not null,
    label varchar(100),
    created_at timestamp with time zone not null,
    last_used_at timestamp with time zone,
    revoked_at timestamp with time zone,
    constraint pk_stream_keys primary key (id),
    constraint fk_stream_keys_stream foreign key (stream_id) references streams (id) on delete cascade
);
create unique index ux_stream_keys_verifier on stream_keys (verifier);
create index ix_stream_keys_stream on stream_keys (stream_id);

create table stream_generations (
    id bigint not null,
    stream_id bigint not null,
    state varchar(10) not null,
    reason varchar(500),
    started_at timestamp with time zone not null,
    live_at timestamp with time zone,
    ended_at timestamp with time zone,
    last_publish_at timestamp with time zone,
    publisher_gone_at timestamp with time zone,
    constraint pk_stream_generations primary key (id),
    constraint ck_stream_generations_state check (state in ('starting', 'live', 'ended', 'failed')),
    constraint fk_stream_generations_stream foreign key (stream_id) references streams (id) on delete cascade
);
create index ix_stream_generations_stream on stream_generations (stream_id, id);
create index ix_stream_generations_state on stream_generations (state);
