-- DirectPay's payment insert, as one statement (one round trip, one commit): the payment, its first event, its outbox
-- row and the stored idempotent answer. pgbench -M prepared; :refs is the number of rows in bench.refs. The new
-- payment's id goes to :pid, for transitions.sql.
\set r random(1, :refs)
WITH ref AS (SELECT * FROM bench.refs WHERE n = :r),
p AS (
  INSERT INTO bench.payments (id, lease_id, payer_id, payer_account_id, payee_id, payee_account_id, amount, rail, period_due_date,
                              status, version, retry_count, refunded_amount, last_sequence, trace_parent, created_at, updated_at)
  SELECT gen_random_uuid(), lease_id, payer_id, payer_account_id, payee_id, payee_account_id, 1.00, 'instant', DATE '2027-01-01',
         'pending', 0, 0, 0, 1, '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', now(), now()
  FROM ref RETURNING *),
e AS (
  INSERT INTO bench.payment_events (payment_id, sequence, event_type, previous_status, new_status, occurred_at, metadata)
  SELECT id, 1, 'payment_initiated', NULL, 'pending', now(), jsonb_build_object('amount', amount, 'payment_rail_type', 'instant',
         'lease_id', lease_id, 'payer_account_id', payer_account_id, 'payee_account_id', payee_account_id,
         'period_due_date', period_due_date, 'retry_count', 0, 'refunded_amount', 0, 'failure_code', NULL, 'failure_reason', NULL)
  FROM p),
o AS (
  INSERT INTO bench.outbox_messages (payment_id, event_sequence, trace_parent, created_at) SELECT id, 1, trace_parent, now() FROM p)
INSERT INTO bench.idempotency_records (owner_id, key, request_fingerprint, payment_id, response_status_code, response_location,
                                       response_body, created_at, expires_at)
SELECT payer_id, gen_random_uuid()::text, md5(id::text) || md5(lease_id::text), id, 201, '/api/v1/payments/' || id,
       row_to_json(p)::text, now(), now() + interval '1 day'
FROM p RETURNING payment_id AS pid \gset
