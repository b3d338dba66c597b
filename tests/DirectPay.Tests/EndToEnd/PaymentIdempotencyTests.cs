using System.Net;

namespace DirectPay.Tests.EndToEnd;

[Collection(AppCollection.Name)]
public class PaymentIdempotencyTests(DirectPayApp app) : EndToEndTest(app)
{
    [Fact]
    public async Task The_same_body_key_twice_answers_201_twice_with_one_payment()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        var key = $"rent-{Guid.NewGuid()}";

        var first = await scenario.PayAsync(scenario.Body(bodyKey: key));
        var firstBody = await first.Content.ReadAsStringAsync();
        var payment = await first.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal("pending", payment.GetProperty("status").GetString());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));

        var second = await scenario.PayAsync(scenario.Body(bodyKey: key));
        Assert.Equal(firstBody, await second.Content.ReadAsStringAsync()); // the original answer, byte for byte
        Assert.Equal(payment.Id(), (await second.ReadJsonAsync(HttpStatusCode.Created)).Id());
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1L, await App.ScalarAsync<long>("SELECT count(*) FROM payments WHERE lease_id = $1", scenario.LeaseId));
    }

    [Fact]
    public async Task The_same_header_key_twice_answers_201_twice_with_one_payment()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        var key = Guid.NewGuid().ToString();

        var first = await (await scenario.PayAsync(scenario.Body(), headerKey: key)).ReadJsonAsync(HttpStatusCode.Created);
        var second = await scenario.PayAsync(scenario.Body(bodyKey: "the header wins over this"), headerKey: key);

        Assert.Equal(first.Id(), (await second.ReadJsonAsync(HttpStatusCode.Created)).Id());
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1L, await App.ScalarAsync<long>("SELECT count(*) FROM payments WHERE lease_id = $1", scenario.LeaseId));
        Assert.Equal(1L, await App.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE payment_id = $1", first.Id()));
    }

    [Fact]
    public async Task Fifty_concurrent_posts_with_one_key_make_exactly_one_payment()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => scenario.PayAsync(scenario.Body(), headerKey: key)));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToArray();
        Assert.NotEmpty(created);
        var ids = new HashSet<Guid>();
        foreach (var response in created) ids.Add((await response.ReadJsonAsync(HttpStatusCode.Created)).Id());
        Assert.Single(ids);
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            await conflict.ReadProblemAsync(HttpStatusCode.Conflict); // "still in progress"
        Assert.Equal(1L, await App.ScalarAsync<long>("SELECT count(*) FROM payments WHERE lease_id = $1", scenario.LeaseId));
        Assert.Equal(1L, await App.ScalarAsync<long>(
            "SELECT count(*) FROM payment_events WHERE payment_id = $1 AND event_type = 'payment_initiated'", ids.Single()));
        Assert.Equal(1L, await App.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE payment_id = $1", ids.Single()));
    }

    [Fact]
    public async Task A_key_reused_for_another_request_is_422_and_a_missing_key_is_400()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        var key = Guid.NewGuid().ToString();
        await (await scenario.PayAsync(scenario.Body(amount: 1500.00m), headerKey: key)).ReadJsonAsync(HttpStatusCode.Created);

        var other = await scenario.PayAsync(scenario.Body(amount: 1499.99m), headerKey: key);
        Assert.Equal(["idempotency_key"], (await other.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        var keyless = await scenario.PayAsync(scenario.Body());
        Assert.Equal(["idempotency_key"], (await keyless.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(1L, await App.ScalarAsync<long>("SELECT count(*) FROM payments WHERE lease_id = $1", scenario.LeaseId));
    }

    [Fact]
    public async Task Keys_belong_to_their_caller()
    {
        var first = await PaymentScenario.StartAsync(App);
        var second = await PaymentScenario.StartAsync(App);
        var key = Guid.NewGuid().ToString();

        var mine = await (await first.PayAsync(first.Body(), headerKey: key)).ReadJsonAsync(HttpStatusCode.Created);
        var theirs = await second.PayAsync(second.Body(), headerKey: key);

        Assert.NotEqual(mine.Id(), (await theirs.ReadJsonAsync(HttpStatusCode.Created)).Id());
        Assert.False(theirs.Headers.Contains("Idempotent-Replayed"));
    }
}
