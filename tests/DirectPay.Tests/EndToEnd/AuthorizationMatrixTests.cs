using System.Net;

using static DirectPay.Tests.EndToEnd.EndpointCatalog;

namespace DirectPay.Tests.EndToEnd;

/// <summary>
/// Every endpoint in the OpenAPI document, called by anonymous, the owners (a landlord and their renter), another landlord,
/// another renter and an admin: each gets the expected status, and no one else's data in any answer. An endpoint without
/// a rule here fails the test.
/// </summary>
[Collection(AppCollection.Name)]
public class AuthorizationMatrixTests(DirectPayApp app) : EndToEndTest(app)
{
    [Fact]
    public async Task Every_endpoint_answers_each_kind_of_caller_as_its_rule_says_and_shows_no_one_else_data()
    {
        var document = await (await App.Http.GetAsync("/openapi/v1.json")).ReadJsonAsync(HttpStatusCode.OK);
        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name} {path.Name.TrimEnd('/')}")).Order().ToList();
        Assert.Equal(documented, Rules.Select(r => $"{r.Method} {r.Template}").Order().ToList()); // a new endpoint needs a rule

        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 0);
        var shared = await World.CreateAsync(App, receiver.Url);
        var failures = new List<string>();
        foreach (var rule in Rules)
        {
            // The allowed callers last, so a destructive call by its owner does not change what the others see; and each
            // allowed caller of a destructive endpoint in a world of their own.
            var world = rule.Destructive ? await World.CreateAsync(App, receiver.Url) : shared;
            foreach (var who in Enum.GetValues<Who>().Where(w => w != Who.Nobody).OrderBy(w => rule.Allowed.HasFlag(w)))
            {
                if (rule.Destructive && rule.Allowed.HasFlag(who) && who != Who.Anonymous) world = await World.CreateAsync(App, receiver.Url);
                var response = await world.SendAsync(who, new HttpMethod(rule.Method.ToUpperInvariant()), rule.Path(world), rule.Body?.Invoke(world));
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync();
                var allowed = rule.Allowed.HasFlag(who);
                var ok = allowed
                    ? status is not (401 or 403) && (status != 404 || (rule.MayBeMissing && who == Who.Admin))
                    : who == Who.Anonymous ? status == 401 : status is 403 or 404;
                if (status >= 500) ok = false;
                if (!ok) failures.Add($"{rule.Method} {rule.Template} as {who}: {status}");
                if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    failures.Add($"{rule.Method} {rule.Template} as {who}: {status} without problem+json");
                if (who is Who.OtherLandlord or Who.OtherRenter or Who.Anonymous && world.PrivateValues(rule.Path(world)).FirstOrDefault(body.Contains) is { } leaked)
                    failures.Add($"{rule.Method} {rule.Template} as {who}: the answer contains {leaked}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
