-- Accounts: Xtream subscribers and admins in one table; the admin flag decides who may obtain a JWT.

create sequence users_seq start with 1 increment by 50;

create table users (
    id bigint not null,
    username varchar(64) not null,
    password_hash varchar(100) not null,
    role varchar(16) not null,
    max_connections integer not null default 1,
    expires_at timestamp with time zone,
    trial boolean not null default false,
    enabled boolean not null default true,
    admin boolean not null default false,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint pk_users primary key (id),
    constraint uq_users_username unique (username)
);

-- Deleting a bouquet that users still hold is refused (no cascade): silently emptying a user's
-- bouquets would widen what they see to the whole catalog.
create table user_bouquets (
    user_id bigint not null,
    bouquet_id bigint not null,
    constraint pk_user_bouquets primary key (user_id, bouquet_id),
    constraint fk_user_bouquets_user foreign key (user_id) references users (id) on delete cascade,
    constraint fk_user_bouquets_bouquet foreign key (bouquet_id) references bouquets (id)
);
