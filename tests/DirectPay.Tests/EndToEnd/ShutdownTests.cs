using System.Net;
using System.Net.Sockets;
using System.Text;
using Aspire.Hosting.ApplicationModel;
using DirectPay.Payments;

namespace DirectPay.Tests.EndToEnd;

/// <summary>
/// A SIGTERM, as an orchestrator sends it before it replaces a service: the worker finishes the entries it holds and
/// acknowledges them, the api finishes the request it is reading; both then exit cleanly, and nothing is left half-done.
/// </summary>
[Collection(AppCollection.Name)]
public class ShutdownTests(DirectPayApp app) : EndToEndTest(app)
{
    [Fact]
    public async Task A_worker_stopped_while_handling_an_entry_finishes_and_acknowledges_it_then_exits_cleanly()
    {
        var workers = await App.InstancesAsync(ResourceNames.PaymentWorker);
        var (worker, others) = (workers[^1], workers.SkipLast(1).Select(App.ProcessTree).ToList());
        var consumer = App.ConsumerOf(worker);
        var tree = App.ProcessTree(worker);
        var scenario = await PaymentScenario.StartAsync(App);

        // Every worker frozen while the payment is made, then only this one let go: its message can go nowhere else. Its
        // row is locked meanwhile, so the worker's handler waits on the lock, mid-transaction, when the SIGTERM comes.
        foreach (var process in others.Append(tree)) ProcessSignals.Send(process, ProcessSignals.Stop);
        Guid paymentId;
        try
        {
            paymentId = await scenario.PayAsync(25.00m, rail: "instant");
            await using var connection = await App.Database.OpenConnectionAsync();
            await using (var transaction = await connection.BeginTransactionAsync())
            {
                await using (var lockRow = new Npgsql.NpgsqlCommand("SELECT 1 FROM payments WHERE id = $1 FOR UPDATE", connection, transaction))
                {
                    lockRow.Parameters.Add(new Npgsql.NpgsqlParameter { Value = paymentId });
                    await lockRow.ExecuteNonQueryAsync();
                }
                ProcessSignals.Send(tree, ProcessSignals.Continue);
                await Eventually.TrueAsync(async () => (await App.HeldByAsync(consumer)).Count == 1, $"{worker} never took the payment's entry.");
                await App.WaitUntilSomeoneWaitsOnAsync(connection); // the handler, at the row lock
                ProcessSignals.Send(tree.Skip(1), ProcessSignals.Terminate); // to the service itself, not its `dotnet run` launcher
                await Task.Delay(1500); // the stop is under way: a cancelled handler would have given up by now
                Assert.Single(await App.HeldByAsync(consumer));
                await transaction.CommitAsync();
            }
            var stopped = await StoppedAsync(worker);
            Assert.Equal(0, stopped.ExitCode);
            Assert.Empty(await App.HeldByAsync(consumer)); // acknowledged by the worker itself: the others are still frozen
            Assert.Contains(App.Lines(worker), l => l.Contains("Stopping: finished and acknowledged 1 of the 1 entries in hand"));
        }
        finally
        {
            foreach (var process in others) ProcessSignals.Send(process, ProcessSignals.Continue);
            ProcessSignals.Send(tree, ProcessSignals.Continue);
            await App.EnsureRunningAsync(worker);
        }

        await scenario.WaitForStatusAsync(paymentId, "completed"); // settled by another worker
        Assert.Equal(0, await App.UnfinishedHistoriesAsync([paymentId]));
    }

    [Fact]
    public async Task The_api_stopped_mid_request_finishes_it_takes_no_new_connection_and_exits_cleanly_and_autopay_pays_without_it()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        var autopayLease = await PausedAutopayLeaseAsync();
        var api = Assert.Single(await App.InstancesAsync(ResourceNames.Api));
        var tree = App.ProcessTree(api);
        var port = App.OwnPort(api); // its own port, behind the app's proxy
        Guid paymentId;
        try
        {
            // The lease locked, so the payment's request waits mid-transaction in the api when the SIGTERM comes.
            await using var connection = await App.Database.OpenConnectionAsync();
            await using (var transaction = await connection.BeginTransactionAsync())
            {
                await using (var lockLease = new Npgsql.NpgsqlCommand("SELECT 1 FROM leases WHERE id = $1 FOR UPDATE", connection, transaction))
                {
                    lockLease.Parameters.Add(new Npgsql.NpgsqlParameter { Value = scenario.LeaseId });
                    await lockLease.ExecuteNonQueryAsync();
                }
                var answer = scenario.PayAsync(scenario.Body(amount: 25.00m, rail: "instant"), headerKey: $"shutdown-{Guid.NewGuid():N}");
                await App.WaitUntilSomeoneWaitsOnAsync(connection); // the request, at the lease's lock
                await ConnectAsync(port);
                ProcessSignals.Send(tree.Skip(1), ProcessSignals.Terminate); // to the service itself, not its `dotnet run` launcher
                await Task.Delay(1000);
                await Assert.ThrowsAnyAsync<SocketException>(() => ConnectAsync(port));
                Assert.False(answer.IsCompleted);
                await transaction.CommitAsync();
                paymentId = (await (await answer).ReadJsonAsync(HttpStatusCode.Created)).Id(); // answered, though the stop came first
            }
            Assert.Equal(0, (await StoppedAsync(api)).ExitCode);

            // The worker relays the outbox rows it writes itself: with the api down, autopay's payment still settles.
            await App.ScalarAsync<int>("UPDATE payment_schedules SET status = 'active', paused_on = NULL WHERE lease_id = $1 RETURNING 1", autopayLease);
            await Eventually.TrueAsync(async () => await App.ScalarAsync<long>(
                "SELECT count(*) FROM payments WHERE lease_id = $1 AND status = 'completed'", autopayLease) == 1, "Autopay's payment never settled.");
            Assert.True(App.IsStopped(api));
        }
        finally
        {
            await App.EnsureRunningAsync(api);
        }
        await scenario.WaitForStatusAsync(paymentId, "completed"); // accepted is never lost: published by the request, or by the outbox
    }

    [Fact]
    public async Task A_body_still_arriving_when_the_api_stops_is_answered_503_and_nothing_is_kept()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        var api = Assert.Single(await App.InstancesAsync(ResourceNames.Api));
        var tree = App.ProcessTree(api);
        var body = new HalfThenRestContent(System.Text.Json.JsonSerializer.Serialize(scenario.Body(amount: 25.00m, rail: "instant")));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments") { Content = body };
        request.Headers.Authorization = new("Bearer", scenario.Renter.Token);
        request.Headers.Add("Idempotency-Key", $"shutdown-{Guid.NewGuid():N}");
        try
        {
            var answer = App.Http.SendAsync(request);
            await body.HalfSent.Task;
            await Task.Delay(500); // the api has the request and waits for the rest of its body
            ProcessSignals.Send(tree.Skip(1), ProcessSignals.Terminate);
            await Task.Delay(1000);
            body.Rest.SetResult(); // the client finishes sending before it reads the answer

            var problem = await (await answer).ReadProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal("The service is restarting.", problem.GetProperty("title").GetString());
            Assert.Equal(0, (await StoppedAsync(api)).ExitCode);
            Assert.Equal(0L, await App.ScalarAsync<long>("SELECT count(*) FROM payments WHERE lease_id = $1", scenario.LeaseId));
        }
        finally
        {
            body.Rest.TrySetResult();
            await App.EnsureRunningAsync(api);
        }
    }

    /// <summary>A lease due this month, its schedule paused, with autopay on: it pays as soon as the schedule is active.</summary>
    private async Task<Guid> PausedAutopayLeaseAsync()
    {
        var (landlord, renter) = (await App.SignUpAsync("landlord"), await App.SignUpAsync("renter"));
        await landlord.AddBankAccountAsync("99998888");
        await renter.AddBankAccountAsync("55554321");
        var thisMonth = new DateOnly(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1);
        var leaseId = await RentTests.CreateLeaseAsync(landlord, renter.Id, thisMonth, rent: 700.00m);
        await (await landlord.PutAsync($"/api/v1/leases/{leaseId}/schedule", new { status = "paused" })).ReadJsonAsync(HttpStatusCode.OK);
        await (await renter.PutAsync($"/api/v1/leases/{leaseId}/autopay", new { enabled = true, payment_rail_type = "instant" }))
            .ReadJsonAsync(HttpStatusCode.OK);
        return leaseId;
    }

    private static async Task ConnectAsync(int port)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
    }

    private async Task<CustomResourceSnapshot> StoppedAsync(string instance)
    {
        await Eventually.TrueAsync(() => Task.FromResult(App.IsStopped(instance)), $"{instance} never stopped.");
        Assert.True(App.Notifications.TryGetCurrentState(instance, out var state));
        return state.Snapshot;
    }

    /// <summary>A JSON body sent in two halves: the second only when the test says so.</summary>
    private sealed class HalfThenRestContent : HttpContent
    {
        private readonly byte[] _bytes;

        public HalfThenRestContent(string json)
        {
            _bytes = Encoding.UTF8.GetBytes(json);
            Headers.ContentType = new("application/json");
        }
        public TaskCompletionSource HalfSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Rest { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var half = _bytes.Length / 2;
            await stream.WriteAsync(_bytes.AsMemory(0, half));
            await stream.FlushAsync();
            HalfSent.TrySetResult();
            await Rest.Task;
            await stream.WriteAsync(_bytes.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _bytes.Length;
            return true;
        }
    }
}
