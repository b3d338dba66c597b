using System.Collections.Concurrent;
using DirectPay.Payments;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace DirectPay.Tests.EndToEnd;

/// <summary>
/// The suite's workers (three replicas, one consumer group) share the payments: each payment is moved by exactly one of
/// them, each of them moves some, and one that dies holding entries loses none: the others claim them.
/// </summary>
[Collection(AppCollection.Name)]
public class ScaleOutTests(DirectPayApp app, ITestOutputHelper output) : EndToEndTest(app)
{
    private const int Payments = 240;

    [Fact]
    public async Task Three_workers_each_process_some_payments_exactly_once_and_one_killed_holding_entries_loses_nothing()
    {
        var workers = await App.InstancesAsync(ResourceNames.PaymentWorker);
        Assert.Equal(3, workers.Count);
        var paymentIds = new ConcurrentBag<Guid>();
        var load = App.PayManyAsync(Payments, paymentIds);

        // Once every worker has moved a payment, freeze one the moment it holds entries it read and has not acknowledged,
        // then kill it: what it held can only be finished by the other two.
        var victim = workers[0];
        await Eventually.TrueAsync(() => Task.FromResult(workers.All(w => App.Processed(w, paymentIds).Count > 0)),
            "Not every worker processed a payment.");
        var consumer = App.ConsumerOf(victim);
        try
        {
            await AssertKilledHolderLosesNothingAsync(victim, consumer, workers, paymentIds, load);
        }
        finally
        {
            await App.EnsureRunningAsync(victim); // the other tests have three workers again, pass or fail
        }
    }

    private async Task AssertKilledHolderLosesNothingAsync(string victim, string consumer, IReadOnlyList<string> workers,
        ConcurrentBag<Guid> paymentIds, Task load)
    {
        var held = await App.FreezeHoldingEntriesAsync(victim, load);
        await App.KillAsync(victim);
        await load;

        await Eventually.TrueAsync(async () => await App.ScalarAsync<long>(
            "SELECT count(*) FROM payments WHERE id = ANY($1) AND status <> 'completed'", paymentIds.ToArray()) == 0,
            "Not every payment completed.", TimeSpan.FromMinutes(2));
        var stillHeld = await App.HeldByAsync(consumer);
        var pendingAnywhere = (await App.Redis.GetDatabase().StreamPendingMessagesAsync(PaymentStream.Key, PaymentStream.ConsumerGroup, 10_000, RedisValue.Null))
            .Select(p => p.MessageId.ToString()).ToHashSet();
        var processed = workers.ToDictionary(w => w, w => App.Processed(w, paymentIds));

        output.WriteLine($"processed per worker: {string.Join(", ", processed.Select(p => $"{p.Key} {p.Value.Count}"))}; " +
                         $"{victim} ({consumer}) was killed holding {held.Count} entries");
        Assert.Equal(Payments, paymentIds.Count);
        Assert.All(processed, p => Assert.NotEmpty(p.Value)); // each replica processed some
        // Exactly once: no payment moved by two workers, none moved twice (a killed worker may have committed without saying so).
        var moves = processed.Values.SelectMany(ids => ids).ToList();
        Assert.Equal(moves.Count, moves.Distinct().Count());
        Assert.Equal(0, await App.UnfinishedHistoriesAsync(paymentIds)); // one of each event, nothing half-done
        // The dead consumer holds nothing now, and no one else still does: the others claimed what it held (only a claim
        // moves an entry off a consumer that cannot acknowledge) and acknowledged it once handled.
        Assert.Empty(stillHeld);
        Assert.DoesNotContain(held, pendingAnywhere.Contains);
    }
}
