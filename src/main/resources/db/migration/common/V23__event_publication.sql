-- Spring Modulith's event publication registry (spring-modulith-events-jdbc, schema v2): one row per
-- event and durable listener (@ApplicationModuleListener), written in the transaction that made the
-- change; deleted once the listener has finished (completion-mode DELETE). Rows left behind are
-- events a listener has not finished: resubmitted at start and, once marked failed, on a schedule.
create table event_publication (
    id uuid not null primary key,
    listener_id varchar(512) not null,
    event_type varchar(512) not null,
    serialized_event varchar(4000) not null,
    publication_date timestamp with time zone not null,
    completion_date timestamp with time zone,
    status varchar(20),
    completion_attempts int,
    last_resubmission_date timestamp with time zone
);
create index ix_event_publication_listener_event on event_publication (listener_id, serialized_event);
create index ix_event_publication_completion on event_publication (completion_date);
