-- Clients found by partial name words, like contacts (LIKE '%...%' served by a trigram index).
create index ix_clients_search_name on clients using gin (search_name public.gin_trgm_ops);
