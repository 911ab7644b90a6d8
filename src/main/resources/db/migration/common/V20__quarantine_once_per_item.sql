-- The same bad item delivered again (a provider retries what it thinks went unanswered) is one
-- quarantined row with a count, not a row per delivery. item_key is the SHA-256 of the item as
-- received; rows from before this migration have none and stay as they are.
alter table inbound_quarantine add column item_key varchar(64);
alter table inbound_quarantine add column deliveries integer default 1 not null;
alter table inbound_quarantine add column last_seen_at timestamp with time zone;
create unique index ux_inbound_quarantine_item on inbound_quarantine (connection_id, item_key);
