-- A payment's whole life in PostgreSQL alone: the insert (as payment.sql), then pending → processing and
-- processing → completed, each a conditional update of the payment with its event, in its own transaction.
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
  SELECT id, 1, 'payment_initiated', NULL, 'pending', now(), jsonb_build_object('amount', amount, 'lease_id', lease_id) FROM p),
o AS (
  INSERT INTO bench.outbox_messages (payment_id, event_sequence, trace_parent, created_at) SELECT id, 1, trace_parent, now() FROM p)
INSERT INTO bench.idempotency_records (owner_id, key, request_fingerprint, payment_id, response_status_code, response_location,
                                       response_body, created_at, expires_at)
SELECT payer_id, gen_random_uuid()::text, md5(id::text), id, 201, '/api/v1/payments/' || id, row_to_json(p)::text, now(), now() + interval '1 day'
FROM p RETURNING payment_id AS pid \gset
WITH u AS (
  UPDATE bench.payments SET status = 'processing', version = version + 1, last_sequence = 2, updated_at = now()
  WHERE id = :pid AND status = 'pending' RETURNING id)
INSERT INTO bench.payment_events (payment_id, sequence, event_type, previous_status, new_status, occurred_at, metadata)
SELECT id, 2, 'payment_processing', 'pending', 'processing', now(), '{}' FROM u;
WITH u AS (
  UPDATE bench.payments SET status = 'completed', version = version + 1, last_sequence = 3, completed_at = now(), updated_at = now()
  WHERE id = :pid AND status = 'processing' RETURNING id)
INSERT INTO bench.payment_events (payment_id, sequence, event_type, previous_status, new_status, occurred_at, metadata)
SELECT id, 3, 'payment_completed', 'processing', 'completed', now(), '{}' FROM u;
