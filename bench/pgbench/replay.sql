-- A replay's database work: one stored answer, by its primary key (owner, key). bench.replays lists the keys the
-- bench's fixed-rate phase used; :replays is their number.
\set r random(1, :replays)
SELECT i.response_status_code, i.response_location, i.response_body
FROM bench.replays k JOIN public.idempotency_records i ON i.owner_id = k.owner_id AND i.key = k.key
WHERE k.n = :r;
