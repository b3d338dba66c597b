using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace DirectPay.Tests.EndToEnd;

[Collection(AppCollection.Name)]
public class WebhookTests(DirectPayApp app) : EndToEndTest(app)
{
    [Fact]
    public async Task Deliveries_are_signed_retried_after_failures_and_keep_one_event_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 2);
        var scenario = await PaymentScenario.StartAsync(App);
        var endpoint = await (await scenario.Landlord.PostAsync("/api/v1/webhooks/", new { url = receiver.Url, event_types = new[] { "payment.completed" } }))
            .ReadJsonAsync(HttpStatusCode.Created);
        var secret = endpoint.GetProperty("secret").GetString()!;

        var paymentId = await scenario.PayAsync(rail: "instant");
        await Eventually.TrueAsync(() => Task.FromResult(receiver.Requests.Any(r => r.Answered == 200)), "The webhook was never accepted.");

        var requests = receiver.Requests.ToArray();
        Assert.Equal([500, 500, 200], requests.Select(r => r.Answered));
        Assert.Single(requests.Select(r => r.EventId).Distinct()); // one event, retried: receivers de-duplicate by its id
        Assert.All(requests, r => Assert.True(WebhookReceiver.IsSigned(r, secret), "bad signature"));
        var body = JsonDocument.Parse(requests[^1].Body).RootElement;
        Assert.Equal("payment.completed", body.GetProperty("type").GetString());
        Assert.Equal(requests[0].EventId, body.GetProperty("id").GetString());
        Assert.Equal(paymentId.ToString(), body.GetProperty("data").GetProperty("payment_id").GetString());

        // The sender records the 200 after the receiver answered it: read until it has.
        JsonElement delivery = default;
        await Eventually.TrueAsync(async () =>
        {
            var deliveries = await (await scenario.Landlord.GetAsync($"/api/v1/webhooks/{endpoint.Id()}/deliveries")).ReadJsonAsync(HttpStatusCode.OK);
            delivery = Assert.Single(deliveries.EnumerateArray());
            return delivery.GetProperty("status").GetString() != "pending";
        }, "The delivery was never recorded as answered.");
        Assert.Equal(("delivered", 3), (delivery.GetProperty("status").GetString(), delivery.GetProperty("attempts").GetInt32()));

        await (await scenario.Landlord.PostAsync($"/api/v1/webhooks/{endpoint.Id()}/deliveries/{delivery.Id()}/resend", new { }))
            .ReadJsonAsync(HttpStatusCode.Accepted);
        await Eventually.TrueAsync(() => Task.FromResult(receiver.Requests.Count == 4), "The resent delivery never came.");
        Assert.Single(receiver.Requests.Select(r => r.EventId).Distinct());
    }

    [Theory]
    [InlineData("ftp://example.com/hook", "url")]
    [InlineData("http://10.1.2.3/hook", "url")]
    [InlineData("http://169.254.169.254/latest/meta-data", "url")]
    [InlineData("http://[::1]:8080/hook", "url")]
    [InlineData("not a url", "url")]
    [InlineData("http://198.18.0.1/hook", "url")]
    [InlineData("http://192.0.0.8/hook", "url")]
    [InlineData("http://240.0.0.1/hook", "url")]
    [InlineData("http://[64:ff9b::7f00:1]/hook", "url")]
    [InlineData("http://[2002:7f00:1::]/hook", "url")]
    [InlineData("http://[::ffff:127.0.0.1]/hook", "url")]
    [InlineData("http://[::127.0.0.1]/hook", "url")]
    public async Task Internal_or_non_http_targets_are_refused(string url, string field)
    {
        var landlord = await App.SignUpAsync("landlord");
        var refused = await landlord.PostAsync("/api/v1/webhooks/", new { url, event_types = new[] { "payment.completed" } });
        Assert.Equal([field], (await refused.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        var unknownEvent = await landlord.PostAsync("/api/v1/webhooks/", new { url = "https://example.com/hook", event_types = new[] { "payment.teleported" } });
        Assert.Equal(["event_types"], (await unknownEvent.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task Endpoints_are_their_owners_and_deleting_one_stops_its_deliveries()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 0);
        var landlord = await App.SignUpAsync("landlord");
        var stranger = await App.SignUpAsync("landlord");
        var endpoint = (await (await landlord.PostAsync("/api/v1/webhooks/", new { url = receiver.Url, event_types = new[] { "payment.failed" } }))
            .ReadJsonAsync(HttpStatusCode.Created)).Id();

        await (await stranger.GetAsync($"/api/v1/webhooks/{endpoint}/deliveries")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.SendAsync(HttpMethod.Delete, $"/api/v1/webhooks/{endpoint}")).ReadProblemAsync(HttpStatusCode.NotFound);
        var listed = await (await landlord.GetAsync("/api/v1/webhooks/")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.False(Assert.Single(listed.EnumerateArray()).TryGetProperty("secret", out var secret) && secret.ValueKind != JsonValueKind.Null);

        var deleted = await landlord.SendAsync(HttpMethod.Delete, $"/api/v1/webhooks/{endpoint}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0L, await App.ScalarAsync<long>("SELECT count(*) FROM webhook_endpoints WHERE id = $1", endpoint));
    }

    [Fact]
    public async Task A_redirect_is_a_failed_attempt_and_never_followed_to_an_internal_address()
    {
        await using var inside = await WebhookReceiver.StartAsync(failFirst: 0);
        await using var redirector = await WebhookReceiver.StartAsync(_ =>
            Task.FromResult(Results.Redirect($"http://localhost:{inside.Port}/hook", preserveMethod: true)));
        var scenario = await PaymentScenario.StartAsync(App);
        var endpoint = (await (await scenario.Landlord.PostAsync("/api/v1/webhooks/", new { url = redirector.Url, event_types = new[] { "payment.completed" } }))
            .ReadJsonAsync(HttpStatusCode.Created)).Id();

        await scenario.PayAsync(rail: "instant");
        JsonElement delivery = default;
        await Eventually.TrueAsync(async () =>
        {
            var deliveries = await (await scenario.Landlord.GetAsync($"/api/v1/webhooks/{endpoint}/deliveries")).ReadJsonAsync(HttpStatusCode.OK);
            delivery = deliveries.EnumerateArray().SingleOrDefault();
            return delivery.ValueKind == JsonValueKind.Object && delivery.GetProperty("attempts").GetInt32() >= 1;
        }, "The delivery was never attempted.");

        Assert.Equal(("pending", 307), (delivery.GetProperty("status").GetString(), delivery.GetProperty("last_status_code").GetInt32()));
        Assert.Equal(0, inside.Hits);
    }

    [Fact]
    public async Task A_slow_endpoint_holds_up_only_its_own_deliveries()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int held = 0, ended = 0;
        await using var slow = await WebhookReceiver.StartAsync(async context =>
        {
            Interlocked.Increment(ref held);
            try
            {
                await release.Task.WaitAsync(context.RequestAborted);
                return Results.Ok();
            }
            finally
            {
                Interlocked.Increment(ref ended);
            }
        });
        await using var fast = await WebhookReceiver.StartAsync(failFirst: 0);
        try
        {
            var slowScenario = await PaymentScenario.StartAsync(App);
            await (await slowScenario.Landlord.PostAsync("/api/v1/webhooks/", new { url = slow.Url, event_types = new[] { "payment.completed" } }))
                .ReadJsonAsync(HttpStatusCode.Created);
            for (var i = 0; i < 4; i++) await slowScenario.PayAsync(rail: "instant");
            // As many slow sends as there are worker replicas: one each would hold every sender.
            await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref held) >= DirectPayApp.WorkerReplicas), "The slow endpoint was never sent to.");

            var fastScenario = await PaymentScenario.StartAsync(App);
            await (await fastScenario.Landlord.PostAsync("/api/v1/webhooks/", new { url = fast.Url, event_types = new[] { "payment.completed" } }))
                .ReadJsonAsync(HttpStatusCode.Created);
            await fastScenario.PayAsync(rail: "instant");
            await Eventually.TrueAsync(() => Task.FromResult(!fast.Requests.IsEmpty), "The fast endpoint waited for the slow one.");

            Assert.Equal(0, Volatile.Read(ref ended)); // the slow sends are still waiting for their answers (Webhooks:Timeout is a minute here)
        }
        finally
        {
            release.SetResult();
        }
    }

    [Fact]
    public async Task A_user_has_at_most_ten_endpoints()
    {
        var landlord = await App.SignUpAsync("landlord");
        for (var i = 0; i < 10; i++)
            await (await landlord.PostAsync("/api/v1/webhooks/", new { url = $"https://1.1.1.1/hook/{i}", event_types = new[] { "payment.completed" } }))
                .ReadJsonAsync(HttpStatusCode.Created);
        var eleventh = await landlord.PostAsync("/api/v1/webhooks/", new { url = "https://1.1.1.1/hook/10", event_types = new[] { "payment.completed" } });
        await eleventh.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(10L, await App.ScalarAsync<long>("SELECT count(*) FROM webhook_endpoints WHERE owner_id = $1", landlord.Id));
    }
}
