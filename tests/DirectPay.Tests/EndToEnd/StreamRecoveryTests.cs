using DirectPay.Payments;
using StackExchange.Redis;

namespace DirectPay.Tests.EndToEnd;

/// <summary>What the worker does with entries nobody finished: claims them, or gives up on them visibly.</summary>
[Collection(AppCollection.Name)]
public class StreamRecoveryTests(DirectPayApp app) : EndToEndTest(app)
{
    private const string DeadConsumer = "a-worker-that-died";
    private IDatabase Stream => App.Redis.GetDatabase();

    [Fact]
    public async Task An_entry_left_by_a_dead_consumer_is_claimed_and_acknowledged()
    {
        var (paymentId, entryId) = await EntryHeldByDeadConsumerAsync();

        await Eventually.TrueAsync(async () => (await PendingAsync(entryId)).Length == 0, "the entry was never claimed and acknowledged");

        Assert.False(await IsDeadLetteredAsync(entryId));
        Assert.Equal(3L, await App.ScalarAsync<long>("SELECT count(*) FROM payment_events WHERE payment_id = $1", paymentId));
    }

    [Fact]
    public async Task An_entry_delivered_too_often_goes_to_the_dead_letters()
    {
        var (_, entryId) = await EntryHeldByDeadConsumerAsync();
        for (var delivery = 2; delivery <= 6; delivery++) // each claim is a delivery; the worker gives up after 5
            await Stream.StreamClaimAsync(PaymentStream.Key, PaymentStream.ConsumerGroup, DeadConsumer, 0, [entryId]);

        // Copied to the dead letters first, acknowledged second: a crash between the two loses nothing.
        await Eventually.TrueAsync(async () => await IsDeadLetteredAsync(entryId) && (await PendingAsync(entryId)).Length == 0,
            "the entry never moved to the dead letters");
    }

    [Fact]
    public async Task An_entry_that_is_not_a_payment_message_goes_to_the_dead_letters()
    {
        var entryId = await Stream.StreamAddAsync(PaymentStream.Key, [new NameValueEntry("payment_id", "not-a-guid")]);
        await Eventually.TrueAsync(() => IsDeadLetteredAsync(entryId), "the malformed entry never reached the dead letters");
    }

    [Fact]
    public async Task An_outbox_row_left_unpublished_is_published_by_the_sweep_and_changes_nothing_twice()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        var paymentId = await scenario.PayAsync(rail: "instant");
        await scenario.WaitForStatusAsync(paymentId, "completed");
        var entriesBefore = await Stream.StreamLengthAsync(PaymentStream.Key);

        // As if the api had crashed between its commit and the XADD.
        await using (var forget = App.Database.CreateCommand("UPDATE outbox_messages SET published_at = NULL WHERE payment_id = $1"))
        {
            forget.Parameters.Add(new Npgsql.NpgsqlParameter { Value = paymentId });
            Assert.Equal(1, await forget.ExecuteNonQueryAsync());
        }

        await Eventually.TrueAsync(async () => await App.ScalarAsync<long>(
            "SELECT count(*) FROM outbox_messages WHERE payment_id = $1 AND published_at IS NULL", paymentId) == 0,
            "the sweep never published the forgotten row");
        Assert.True(await Stream.StreamLengthAsync(PaymentStream.Key) > entriesBefore);
        Assert.Equal(3L, await App.ScalarAsync<long>("SELECT count(*) FROM payment_events WHERE payment_id = $1", paymentId));
    }

    [Fact]
    public async Task A_payment_whose_message_was_lost_is_published_again_and_completes()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        var paymentId = Guid.NewGuid();
        // As if its message, published a minute ago, had gone to the dead letters during an outage: committed and pending,
        // with nothing in flight, and the stream done with everything added since.
        await using (var insert = App.Database.CreateCommand("""
            WITH payment AS (
                INSERT INTO payments (id, lease_id, payer_id, payer_account_id, payee_id, payee_account_id, amount, rail, period_due_date,
                                      status, version, retry_count, last_sequence, refunded_amount, created_at, updated_at)
                SELECT $1, l.id, l.renter_id, $2, l.landlord_id, $3, 100.00, 'instant', s.next_due_date,
                       'pending', 0, 0, 1, 0, now() - interval '1 minute', now() - interval '1 minute'
                FROM leases l JOIN payment_schedules s ON s.lease_id = l.id WHERE l.id = $4
                RETURNING id),
            initiated AS (
                INSERT INTO payment_events (payment_id, sequence, event_type, new_status, occurred_at, metadata)
                SELECT id, 1, 'payment_initiated', 'pending', now() - interval '1 minute', '{}' FROM payment)
            INSERT INTO outbox_messages (payment_id, event_sequence, created_at, published_at)
            SELECT id, 1, now() - interval '1 minute', now() - interval '1 minute' FROM payment;
            """))
        {
            foreach (var value in new object[] { paymentId, scenario.PayerAccountId, scenario.PayeeAccountId, scenario.LeaseId })
                insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = value });
            await insert.ExecuteNonQueryAsync();
        }

        await scenario.WaitForStatusAsync(paymentId, "completed");
        Assert.Equal(2L, await App.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE payment_id = $1", paymentId));
    }

    [Fact]
    public async Task The_redrive_counts_a_message_as_lost_only_once_the_stream_is_done_with_it()
    {
        // A stream of its own, with ids by hand: entry "N-s" was added N ms after the epoch.
        var key = $"test:stream:{Guid.NewGuid():N}";
        var now = DateTimeOffset.UtcNow;
        async Task<DateTimeOffset> HandledBeforeAsync() => await PaymentStream.HandledBeforeAsync(Stream, now, key, "group");
        DateTimeOffset Ms(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

        try
        {
            Assert.Equal(now, await HandledBeforeAsync()); // no stream: nothing waits in it
            foreach (var id in new[] { "1000-0", "2000-0", "3000-0", "3000-1" })
                await Stream.StreamAddAsync(key, [new NameValueEntry("n", id)], messageId: id);
            Assert.Equal(Ms(0), await HandledBeforeAsync()); // no group yet: the workers will read it all from the start
            await Stream.StreamCreateConsumerGroupAsync(key, "group", "0");
            Assert.Equal(Ms(0), await HandledBeforeAsync()); // nothing read: a backlog, not a loss

            await Stream.StreamReadGroupAsync(key, "group", "c", ">", 2);
            Assert.Equal(Ms(1000), await HandledBeforeAsync()); // 1000-0 and 2000-0 held, unacknowledged
            await Stream.StreamAcknowledgeAsync(key, "group", "1000-0");
            Assert.Equal(Ms(2000), await HandledBeforeAsync());
            await Stream.StreamAcknowledgeAsync(key, "group", "2000-0");
            Assert.Equal(Ms(2000), await HandledBeforeAsync()); // 3000-0 and 3000-1 still wait their turn
            await Stream.StreamReadGroupAsync(key, "group", "c", ">", 1);
            Assert.Equal(Ms(3000), await HandledBeforeAsync()); // 3000-1, in the same millisecond, still waits
            await Stream.StreamReadGroupAsync(key, "group", "c", ">", 1);
            await Stream.StreamAcknowledgeAsync(key, "group", ["3000-0", "3000-1"]);
            Assert.Equal(now, await HandledBeforeAsync()); // all read and acknowledged: a pending payment lost its message
        }
        finally
        {
            await Stream.KeyDeleteAsync(key);
        }
        // Redis's clock ahead of the worker's: a backlog that starts "after" now starts at now.
        Assert.Equal(Ms(500), PaymentStream.HandledBefore("3000-1", "3000-0", oldestPending: null, Ms(500)));
    }

    /// <summary>A message for a settled payment, read by a consumer that then died without acknowledging it.</summary>
    private async Task<(Guid PaymentId, RedisValue EntryId)> EntryHeldByDeadConsumerAsync()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        var paymentId = await scenario.PayAsync(rail: "instant");
        await scenario.WaitForStatusAsync(paymentId, "completed");
        while (true) // the live workers may read an entry first; then it is theirs, and another is added
        {
            var added = await Stream.StreamAddAsync(PaymentStream.Key, new PaymentMessage(paymentId, 1, null).ToEntries());
            var taken = await Stream.StreamReadGroupAsync(PaymentStream.Key, PaymentStream.ConsumerGroup, DeadConsumer, ">", 1);
            if (taken.Length == 1 && taken[0].Id == added) return (paymentId, added);
            if (taken.Length == 1) await Stream.StreamAcknowledgeAsync(PaymentStream.Key, PaymentStream.ConsumerGroup, taken[0].Id);
        }
    }

    private Task<StreamPendingMessageInfo[]> PendingAsync(RedisValue entryId) =>
        Stream.StreamPendingMessagesAsync(PaymentStream.Key, PaymentStream.ConsumerGroup, 10, RedisValue.Null, entryId, entryId);

    private async Task<bool> IsDeadLetteredAsync(RedisValue entryId) =>
        (await Stream.StreamRangeAsync(PaymentStream.DeadLetterKey)).Any(e => e["original_id"] == entryId);
}
