-- The intake table is a queue: rows are inserted, processed once, then only kept. Index only the
-- waiting rows (a partial index stays small however long the history grows), and vacuum the
-- table often, so the dead entries that processing leaves behind do not slow the scans.
drop index ix_cloud_api_webhooks_unprocessed;
create index ix_cloud_api_webhooks_waiting on cloud_api_webhooks (id) where processed_at is null;
alter table cloud_api_webhooks set (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01);
