-- A payment's transitions after payment.sql (the bench runs the two as one script, lifecycle): pending → processing
-- and processing → completed, each a conditional update of the payment with its event, in its own transaction.
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
