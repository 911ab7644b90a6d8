-- The audit log becomes a hash chain (issue 12, item 11): each entry stores its place in the chain,
-- the hash of the entry before it and its own hash; audit_chain holds the chain's head, locked by
-- every append so that concurrent writers extend one chain. Existing entries are chained by the
-- Java migration 21.2 (app.conversa.audit.AuditChainMigration), which then makes the columns required.
alter table audit_log add column chain_seq bigint;
alter table audit_log add column prev_hash varchar(64);
alter table audit_log add column entry_hash varchar(64);

create unique index ux_audit_log_chain_seq on audit_log (chain_seq);

create table audit_chain (
    id        integer primary key,
    last_seq  bigint not null,
    last_hash varchar(64) not null,
    constraint ck_audit_chain_single check (id = 1)
);
