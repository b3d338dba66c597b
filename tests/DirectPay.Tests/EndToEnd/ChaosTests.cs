using System.Diagnostics;
using System.Net;
using DirectPay.Domain;
using DirectPay.Payments;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace DirectPay.Tests.EndToEnd;

/// <summary>
/// N payments over many leases and all rails, each POSTed three times at once with one key, while the workers are killed
/// (SIGKILL) again and again and Redis, Postgres and the api are each killed and started once. The client retries on
/// network errors, 5xx, 409 and 429 (after its Retry-After) with the same key, as a real one would. Afterwards nothing is lost or paid twice.
/// CHAOS_PAYMENTS sets N: CI runs 200, the full run (docs/reliability.md) 5,000.
/// </summary>
[Collection(AppCollection.Name)]
[Trait("Category", "Chaos")]
public class ChaosTests(DirectPayApp app, ITestOutputHelper output) : EndToEndTest(app)
{
    private static readonly int N = int.TryParse(Environment.GetEnvironmentVariable("CHAOS_PAYMENTS"), out var n) ? n : 200;
    private static readonly string[] Rails = ["instant", "same_day_ach", "standard_ach", "wire"];

    [Fact]
    public async Task Nothing_accepted_is_lost_or_paid_twice_while_workers_redis_postgres_and_the_api_are_killed()
    {
        var clock = Stopwatch.StartNew();
        var leases = (await Task.WhenAll(Enumerable.Range(0, Math.Max(10, N / 40)).Select(_ => PaymentScenario.StartAsync(App)))).ToList();
        var leaseIds = leases.Select(l => l.LeaseId).ToArray();
        var run = Guid.NewGuid().ToString("N")[..8];
        var deadLettersBefore = await App.Redis.GetDatabase().StreamLengthAsync(PaymentStream.DeadLetterKey);
        var retries = 0;

        async Task PostUntilAnsweredAsync(PaymentScenario lease, string key, string rail)
        {
            var deadline = DateTime.UtcNow.AddMinutes(5);
            while (true)
            {
                try
                {
                    var answer = await lease.PayAsync(lease.Body(amount: 10.00m, rail: rail), headerKey: key);
                    if (answer.StatusCode is HttpStatusCode.Created) return;
                    Assert.True((int)answer.StatusCode is >= 500 or 409 or 429, $"{key}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
                    if (answer.Headers.RetryAfter?.Delta is { } wait) await Task.Delay(wait); // 429: as the api asks
                }
                catch (HttpRequestException) { } // the api is down: try again with the same key
                catch (TaskCanceledException) { }
                Assert.True(DateTime.UtcNow < deadline, $"{key} was never answered.");
                Interlocked.Increment(ref retries);
                await Task.Delay(200);
            }
        }

        var throttle = new SemaphoreSlim(8);
        var load = Task.WhenAll(Enumerable.Range(0, N).Select(async i =>
        {
            await throttle.WaitAsync();
            try
            {
                var (lease, key, rail) = (leases[i % leases.Count], $"chaos-{run}-{i}", Rails[i % Rails.Length]);
                await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostUntilAnsweredAsync(lease, key, rail)));
            }
            finally { throttle.Release(); }
        }));
        var faults = new List<string>();
        async Task FailAsync(string resource)
        {
            await App.KillAndStartAsync(resource);
            lock (faults) faults.Add($"{clock.Elapsed.TotalSeconds:0.0}s {resource}");
        }
        await Task.Delay(1000);
        await FailAsync(ResourceNames.PaymentWorker);
        await FailAsync(ResourceNames.Redis);
        await FailAsync(ResourceNames.Postgres);
        // Together, as neither waits for the other to start: ACH files and transfer orders wait for the bank, clients retry the api.
        await Task.WhenAll(FailAsync(ResourceNames.Bank), FailAsync(ResourceNames.Api));
        await FailAsync(ResourceNames.PaymentWorker);
        await load;
        var loadDone = clock.Elapsed;

        // Drained: every payment terminal, nothing pending in the stream.
        await Eventually.TrueAsync(async () => await App.ScalarAsync<long>(
            "SELECT count(*) FROM payments WHERE lease_id = ANY($1) AND status NOT IN ('completed', 'failed')", leaseIds) == 0,
            "Payments are still in flight.", TimeSpan.FromMinutes(3));
        var stream = App.Redis.GetDatabase();
        await Eventually.TrueAsync(async () => (await stream.StreamPendingAsync(PaymentStream.Key, PaymentStream.ConsumerGroup)).PendingMessageCount == 0,
            "The stream's pending list never emptied.", TimeSpan.FromMinutes(1));

        var payments = await App.ScalarAsync<long>("SELECT count(*) FROM payments WHERE lease_id = ANY($1)", leaseIds);
        var completed = await App.ScalarAsync<long>("SELECT count(*) FROM payments WHERE lease_id = ANY($1) AND status = 'completed'", leaseIds);
        var keys = await App.ScalarAsync<long>("SELECT count(DISTINCT payment_id) FROM idempotency_records WHERE key LIKE $1", $"chaos-{run}-%");
        var gappy = await App.ScalarAsync<long>("""
            SELECT count(*) FROM (SELECT e.payment_id FROM payment_events e JOIN payments p ON p.id = e.payment_id
                                  WHERE p.lease_id = ANY($1) GROUP BY e.payment_id
                                  HAVING min(e.sequence) <> 1 OR max(e.sequence) <> count(*) OR max(e.sequence) <> max(p.last_sequence)) g
            """, leaseIds);
        var transitions = await TransitionsAsync(leaseIds);
        var invalid = transitions.Where(t => t.From is { } from && !PaymentTransitions.IsAllowed(from, t.To)).ToList();
        var misbooked = await App.ScalarAsync<long>("""
            SELECT count(*) FROM leases l WHERE l.id = ANY($1)
              AND (SELECT coalesce(sum(fee_paid + rent_paid), 0) FROM rent_dues d WHERE d.lease_id = l.id)
               <> (SELECT coalesce(sum(amount), 0) FROM payments p WHERE p.lease_id = l.id AND p.status = 'completed')
            """, leaseIds);
        var deadLetters = await stream.StreamLengthAsync(PaymentStream.DeadLetterKey) - deadLettersBefore;

        output.WriteLine($"payments {N}, leases {leases.Count}, POSTs {3 * N} (+{retries} retries), load {loadDone.TotalSeconds:0.0}s, " +
                         $"drained {clock.Elapsed.TotalSeconds:0.0}s");
        output.WriteLine($"faults: {string.Join(", ", faults)}");
        output.WriteLine($"payments {payments}, completed {completed}, keys {keys}, gappy histories {gappy}, invalid transitions {invalid.Count}, " +
                         $"misbooked leases {misbooked}, new dead letters {deadLetters}");
        Assert.Equal(N, payments);          // nothing lost, nothing twice
        Assert.Equal(N, keys);              // one payment per key
        Assert.Equal(N, completed);         // every one settled (the accounts have the money)
        Assert.Equal(0, gappy);
        Assert.Empty(invalid);
        Assert.Equal(0, misbooked);         // each settled payment paid its lease exactly once
        Assert.Equal(0, deadLetters);       // none needed: every message was handled
    }

    private async Task<List<(PaymentStatus? From, PaymentStatus To)>> TransitionsAsync(Guid[] leaseIds)
    {
        var pairs = new List<(PaymentStatus?, PaymentStatus)>();
        await using var command = App.Database.CreateCommand("""
            SELECT DISTINCT e.previous_status, e.new_status FROM payment_events e JOIN payments p ON p.id = e.payment_id
            WHERE p.lease_id = ANY($1) AND e.previous_status IS DISTINCT FROM e.new_status
            """);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = leaseIds });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            pairs.Add((reader.IsDBNull(0) ? null : Data.SnakeCaseEnum<PaymentStatus>.FromText[reader.GetString(0)],
                Data.SnakeCaseEnum<PaymentStatus>.FromText[reader.GetString(1)]));
        return pairs;
    }
}
