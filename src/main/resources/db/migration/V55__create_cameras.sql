-- IP cameras (RTSP). A camera plays as a linked channel (source camera://<id>); deleting the
-- channel leaves the camera without one. The URLs are stored without user info: the credentials
-- are in username and password_encrypted (SecretBox, "v1:..."), never in plain text. Portable SQL:
-- runs on H2 (PostgreSQL mode) and PostgreSQL.

create sequence cameras_seq start with 1 increment by 50;

create table cameras (
    id bigint not null,
    name varchar(200) not null,
    url varchar(2048) not null,
    transport varchar(3) not null,
    username varchar(200),
    password_encrypted varchar(1024),
    snapshot_url varchar(2048),
    channel_id bigint,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint pk_cameras primary key (id),
    constraint uq_cameras_name unique (name),
    constraint ck_cameras_transport check (transport in ('tcp', 'udp')),
    constraint fk_cameras_channel foreign key (channel_id) references channels (id) on delete set null
);
create index ix_cameras_channel on cameras (channel_id);
