using System.Diagnostics;
using System.Net;

namespace DirectPay.Tests.EndToEnd;

/// <summary>
/// /health answers at once whatever its checks wait on: a probe that queues behind a busy process's work gets the
/// process killed by any orchestrator. Postgres is frozen (SIGSTOP), so every database check hangs. "At once" is told
/// apart from "after the checks" by the checks' own timeout, not by a latency figure a loaded machine may miss.
/// </summary>
[Collection(AppCollection.Name)]
public class HealthTests(DirectPayApp app) : EndToEndTest(app)
{
    /// <summary>A health endpoint that waited on its checks would answer no sooner than they time out.</summary>
    private static readonly TimeSpan BeforeAnyCheckCouldEnd = LatestHealthReport.Timeout;

    [Fact]
    public async Task Health_answers_without_waiting_on_a_hung_database_and_says_unhealthy_once_its_checks_cannot_finish()
    {
        var postgres = App.ProcessTree((await App.InstancesAsync(ResourceNames.Postgres)).Single());
        using var http = new HttpClient(); // no resilience handler: one request, one answer
        // Every process on its own port: through the app's proxy a kept-alive connection would reach one replica only.
        var services = (await App.InstancesAsync(ResourceNames.Api)).Concat(await App.InstancesAsync(ResourceNames.PaymentWorker))
            .Concat(await App.InstancesAsync(ResourceNames.Bank))
            .ToDictionary(i => i, i => new Uri($"http://127.0.0.1:{App.OwnPort(i)}{HealthPaths.Health}"));
        var answers = services.Keys.ToDictionary(s => s, _ => new List<HttpStatusCode>());

        ProcessSignals.Send(postgres, ProcessSignals.Stop);
        try
        {
            var frozen = Stopwatch.StartNew();
            while (answers.Values.Any(a => !a.Contains(HttpStatusCode.ServiceUnavailable)))
            {
                Assert.True(frozen.Elapsed < LatestHealthReport.StaleAfter + LatestHealthReport.Timeout + TimeSpan.FromSeconds(10),
                    $"Health never said unhealthy while the database hung: {string.Join("; ", answers.Select(a => $"{a.Key} {string.Join(",", a.Value)}"))}");
                foreach (var (service, health) in services)
                {
                    var asked = Stopwatch.StartNew();
                    using var within = new CancellationTokenSource(BeforeAnyCheckCouldEnd);
                    using var answer = await http.GetAsync(health, within.Token); // cancelled: it waited on the hung checks
                    Assert.True(asked.Elapsed < BeforeAnyCheckCouldEnd, $"{service} took {asked.Elapsed.TotalMilliseconds:0} ms to answer: it waited on its checks.");
                    answers[service].Add(answer.StatusCode);
                }
                await Task.Delay(200); // the pace of a probe, not a wait for something to happen
            }
        }
        finally
        {
            ProcessSignals.Send(postgres, ProcessSignals.Continue);
        }

        foreach (var (service, said) in answers)
            Assert.Equal(HttpStatusCode.OK, said[0]); // the report from before the freeze, at once
        await Eventually.TrueAsync(async () =>
        {
            foreach (var health in services.Values)
                if ((await http.GetAsync(health)).StatusCode != HttpStatusCode.OK) return false;
            return true;
        }, "Health never came back once the database answered again.");
        foreach (var health in services.Values) // a prober that asks with HEAD gets the same answer, without a body
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, health))).StatusCode);
    }
}
