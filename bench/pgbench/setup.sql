-- PostgreSQL's own limit for DirectPay's writes: copies of the payment tables in schema bench, with the same columns,
-- defaults, checks, indexes and foreign keys (to the real leases, accounts and users), so pgbench's inserts cost what
-- DirectPay's cost. bench.refs holds the leases and accounts the bench seeded; each transaction picks one at random.
DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;
CREATE TABLE bench.payments (LIKE public.payments INCLUDING ALL);
CREATE TABLE bench.payment_events (LIKE public.payment_events INCLUDING ALL);
CREATE TABLE bench.outbox_messages (LIKE public.outbox_messages INCLUDING ALL);
CREATE TABLE bench.idempotency_records (LIKE public.idempotency_records INCLUDING ALL);
DO $$
DECLARE fk record;
BEGIN
  FOR fk IN SELECT (SELECT relname FROM pg_class WHERE oid = conrelid) AS tbl, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
            WHERE contype = 'f' AND conrelid IN ('public.payments'::regclass, 'public.payment_events'::regclass,
                                                 'public.outbox_messages'::regclass, 'public.idempotency_records'::regclass)
  LOOP
    -- a key to a payment points at bench.payments; keys to leases, accounts and users stay on the real tables
    EXECUTE format('ALTER TABLE bench.%s ADD CONSTRAINT %I %s', fk.tbl, fk.conname,
                   replace(fk.def, 'REFERENCES payments(', 'REFERENCES bench.payments('));
  END LOOP;
END $$;
CREATE TABLE bench.refs (n int PRIMARY KEY, lease_id uuid, payer_id uuid, payer_account_id uuid, payee_id uuid, payee_account_id uuid);
