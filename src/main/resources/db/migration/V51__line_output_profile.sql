-- A line's output profile: what its players get when a stream URL names none (null: passthrough).
alter table users add column output_profile varchar(32);
