using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static DirectPay.Tests.EndToEnd.EndpointCatalog;

namespace DirectPay.Tests.EndToEnd;

/// <summary>
/// Over a thousand bad requests generated over every endpoint: each valid request of the catalog, spoiled one way at a
/// time (a field of the wrong type, a bad id, an unknown enum value, a NUL, SQL, 3 decimals, negative, zero and huge amounts,
/// an unknown field, a missing required field, broken JSON, the wrong content type, an oversized body), bad ids in the
/// path, and bad, forged and expired tokens. Every answer is a 4xx problem+json, never a 5xx, and no row is written.
/// </summary>
[Collection(AppCollection.Name)]
public class HostileInputTests(DirectPayApp app) : EndToEndTest(app)
{
    private const int WritesPerWorld = 250;
    /// <summary>Marks a body to be sent with another content type: "content-type:&lt;type&gt;|&lt;body&gt;".</summary>
    private const string ContentTypePrefix = "content-type:"; // under the tests' write limit per user (RateLimitTests.WritesPerWindow)

    private static readonly string[] CountedTables =
    [
        "users", "bank_accounts", "bank_account_numbers", "properties", "leases", "lease_amendments", "lease_renters", "rent_dues", "payments", "refunds",
        "idempotency_records", "webhook_endpoints", "autopay_settings", "bank_statements WHERE source = 'imported'",
        "reconciliation_runs WHERE trigger = 'on_demand'", // the worker's own rows (settled transfers' lines, the hourly run) come on the clock
    ];

    [Fact]
    public async Task A_thousand_bad_requests_get_4xx_problem_json_and_change_nothing()
    {
        var document = await (await App.Http.GetAsync("/openapi/v1.json")).ReadJsonAsync(HttpStatusCode.OK);
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 0);
        var worlds = new List<World>();
        for (var i = 0; i < 5; i++) worlds.Add(await World.CreateAsync(App, receiver.Url));
        var before = await CountRowsAsync();

        var requests = BadRequests(document, worlds).ToList();
        var failures = new List<string>();
        foreach (var (name, send) in requests)
        {
            var response = await send();
            var status = (int)response.StatusCode;
            if (status is < 400 or >= 500 or 429) failures.Add($"{name}: {status} {Truncate(await response.Content.ReadAsStringAsync())}");
            else if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") failures.Add($"{name}: {status} without problem+json");
        }

        Assert.True(requests.Count >= 1000, $"only {requests.Count} bad requests");
        Assert.True(failures.Count == 0, $"{failures.Count} of {requests.Count}:\n" + string.Join("\n", failures.Take(40)));
        var after = await CountRowsAsync();
        Assert.True(before.SequenceEqual(after), "Rows changed: " + string.Join(", ", before.Where(b => after[b.Key] != b.Value).Select(b => $"{b.Key} {b.Value} -> {after[b.Key]}")));
    }

    private IEnumerable<(string Name, Func<Task<HttpResponseMessage>> Send)> BadRequests(JsonElement document, List<World> worlds)
    {
        var writes = 0;
        World World() => worlds[Math.Min(writes++ / WritesPerWorld, worlds.Count - 1)];

        foreach (var rule in Rules.Where(r => r.Body is not null && HasBody(document, r) && !r.Allowed.HasFlag(Who.Anonymous)))
        {
            var caller = new[] { Who.Landlord, Who.Renter, Who.Admin, Who.OtherLandlord }.First(w => rule.Allowed.HasFlag(w));
            var required = RequiredFields(document, rule);
            foreach (var (spoilt, body) in Spoil(rule, required, worlds[0]))
            {
                yield return ($"{rule.Method} {rule.Template} {spoilt}", () =>
                {
                    var world = World();
                    return SendRawAsync(world, caller, rule.Method, rule.Path(world), body(world));
                });
            }
        }
        foreach (var rule in Rules.Where(r => System.Text.RegularExpressions.Regex.IsMatch(r.Template, "\\{[a-zA-Z]*[iI]d\\}")))
        {
            foreach (var badId in new[] { "not-a-uuid", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
                         "12345", "null", "1%27%20OR%20%271%27%3D%271" })
            {
                yield return ($"{rule.Method} {rule.Template} with id {badId}", () =>
                {
                    var world = World();
                    var path = System.Text.RegularExpressions.Regex.Replace(rule.Path(world), "[0-9a-f]{8}-[0-9a-f-]{27}", badId);
                    return SendRawAsync(world, Who.Admin, rule.Method, path, rule.Body is null ? null : JsonSerializer.Serialize(rule.Body(world)));
                });
            }
        }
        foreach (var rule in Rules.Where(r => !r.Allowed.HasFlag(Who.Anonymous)))
        {
            foreach (var (kind, token) in BadTokens())
            {
                yield return ($"{rule.Method} {rule.Template} with {kind}", () =>
                {
                    var world = worlds[0];
                    using var request = new HttpRequestMessage(new HttpMethod(rule.Method.ToUpperInvariant()), rule.Path(world));
                    request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
                    if (rule.Body is not null) request.Content = new StringContent(JsonSerializer.Serialize(rule.Body(world)), Encoding.UTF8, "application/json");
                    return App.Http.SendAsync(request);
                });
            }
        }
    }

    /// <summary>The rule's valid body, spoilt one way at a time.</summary>
    private static IEnumerable<(string Spoilt, Func<World, string> Body)> Spoil(Rule rule, IReadOnlySet<string> required, World sample)
    {
        Func<World, string> Change(Action<JsonNode> change) => world =>
        {
            var body = JsonSerializer.SerializeToNode(rule.Body!(world))!;
            change(body);
            return body.ToJsonString();
        };

        yield return ("broken json", world => JsonSerializer.Serialize(rule.Body!(world))[..^1]);
        yield return ("not json", _ => $"{ContentTypePrefix}text/plain|lease_id=1&amount=2");
        yield return ("empty", _ => "");
        yield return ("a json string", _ => "\"hello\"");
        foreach (var contentType in new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data" })
            yield return ($"sent as {contentType}", world => $"{ContentTypePrefix}{contentType}|{JsonSerializer.Serialize(rule.Body!(world))}");
        yield return ("oversized", _ => $$"""{"padding":"{{new string('x', 70_000)}}"}""");
        if (JsonSerializer.SerializeToNode(rule.Body!(sample)) is not JsonObject fields) yield break;
        yield return ("an unknown field", Change(b => b["is_admin"] = true));
        yield return ("null", _ => "null");
        yield return ("an array instead of an object", _ => "[]");
        yield return ("nested too deep", _ => string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100));

        foreach (var (name, value) in fields)
        {
            if (required.Contains(name)) yield return ($"without {name}", Change(b => b.AsObject().Remove(name)));
            if (name.EndsWith("amount", StringComparison.Ordinal)) yield return ($"{name} = zero", Change(b => b[name] = 0)); // money only: 0 grace days is fine
            foreach (var (spoilt, bad) in BadValues(value))
                yield return ($"{name} = {spoilt}", Change(b => b[name] = bad()));
        }
    }

    /// <summary>Values that cannot be right where <paramref name="good"/> is: of another JSON type, or of its type but out of bounds.</summary>
    private static IEnumerable<(string, Func<JsonNode?>)> BadValues(JsonNode? good)
    {
        var kind = good?.GetValueKind();
        if (kind != JsonValueKind.String) yield return ("a string", () => "twelve");
        if (kind != JsonValueKind.Number) yield return ("a number", () => 12345);
        if (kind is not (JsonValueKind.True or JsonValueKind.False)) yield return ("a boolean", () => true);
        if (kind != JsonValueKind.Object) yield return ("an object", () => new JsonObject { ["a"] = 1 });
        if (kind != JsonValueKind.Array) yield return ("an array", () => new JsonArray(1, 2));
        switch (kind)
        {
            case JsonValueKind.String:
                var text = good!.GetValue<string>();
                yield return ("with a NUL", () => text + "\u0000");
                yield return ("longer than any body may be", () => new string('y', 70_000));
                if (Guid.TryParse(text, out _))
                {
                    yield return ("not a uuid", () => "not-a-uuid");
                    yield return ("SQL", () => "1' OR '1'='1");
                    yield return ("unicode", () => "💥🏠");
                    yield return ("an unknown uuid", () => Guid.NewGuid().ToString());
                }
                else if (DateOnly.TryParse(text, out _))
                {
                    yield return ("no such date", () => "2027-02-30");
                    yield return ("another date format", () => "10/01/2027");
                }
                else if (System.Text.RegularExpressions.Regex.IsMatch(text, "^[a-z][a-z_.]*$")) // an enum value
                {
                    yield return ("an unknown value", () => "not_a_value");
                    yield return ("SQL", () => "x'; DROP TABLE payments; --");
                }
                break;
            case JsonValueKind.Number:
                yield return ("negative", () => -1);
                yield return ("three decimals", () => 10.005m);
                yield return ("huge", () => JsonNode.Parse("1e400"));
                yield return ("beyond the money column", () => 99999999999.99m);
                break;
            case JsonValueKind.Array:
                yield return ("empty", () => new JsonArray());
                yield return ("of the wrong items", () => new JsonArray(1, 2));
                break;
        }
    }

    private static string Truncate(string text) => text.Length > 200 ? text[..200] : text;

    private static bool HasBody(JsonElement document, Rule rule) =>
        Operation(document, rule).TryGetProperty("requestBody", out _);

    private static JsonElement Operation(JsonElement document, Rule rule)
    {
        var paths = document.GetProperty("paths");
        var path = paths.TryGetProperty(rule.Template, out var p) ? p : paths.GetProperty(rule.Template + "/");
        return path.GetProperty(rule.Method);
    }

    private static IReadOnlySet<string> RequiredFields(JsonElement document, Rule rule)
    {
        if (!Operation(document, rule).TryGetProperty("requestBody", out var body)
            || !body.GetProperty("content").TryGetProperty("application/json", out var json)
            || !json.GetProperty("schema").TryGetProperty("$ref", out var reference)) return new HashSet<string>();
        var schema = document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
        return schema.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(n => n.GetString()!).ToHashSet() : new HashSet<string>();
    }

    private async Task<HttpResponseMessage> SendRawAsync(World world, Who who, string method, string path, string? body)
    {
        var caller = who switch { Who.Landlord => world.Landlord, Who.Renter => world.Renter, Who.OtherLandlord => world.OtherLandlord, _ => world.Admin };
        using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path);
        request.Headers.Authorization = new("Bearer", caller.Token);
        // As a careful client does: the body goes only after the server says go on, so an oversized one is refused (413)
        // before it is sent rather than cut off mid-upload (a connection reset, not an answer).
        request.Headers.ExpectContinue = true;
        if (body?.StartsWith(ContentTypePrefix, StringComparison.Ordinal) == true)
        {
            var (contentType, content) = (body[ContentTypePrefix.Length..body.IndexOf('|')], body[(body.IndexOf('|') + 1)..]);
            request.Content = new StringContent(content, Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }
        else if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        return await App.Http.SendAsync(request);
    }

    private IEnumerable<(string Kind, string Token)> BadTokens()
    {
        var handler = new JsonWebTokenHandler();
        string Sign(string key, DateTime expires, string audience = "directpay-api", string issuer = "directpay") => handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer, Audience = audience, NotBefore = expires.AddHours(-1), IssuedAt = expires.AddHours(-1), Expires = expires,
            Claims = new Dictionary<string, object> { ["sub"] = Guid.NewGuid().ToString(), ["role"] = "admin" },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
        yield return ("a garbage token", "not.a.token");
        yield return ("an expired token", Sign(App.JwtSigningKey, DateTime.UtcNow.AddMinutes(-5)));
        yield return ("a token signed with another key", Sign(new string('k', 64), DateTime.UtcNow.AddMinutes(30)));
        yield return ("a token for another audience", Sign(App.JwtSigningKey, DateTime.UtcNow.AddMinutes(30), audience: "elsewhere"));
        yield return ("a forged admin token for no user", Sign(App.JwtSigningKey, DateTime.UtcNow.AddMinutes(30)));
        yield return ("an empty token", "");
        yield return ("a token from another issuer", Sign(App.JwtSigningKey, DateTime.UtcNow.AddMinutes(30), issuer: "someone-else"));
        yield return ("a token with bad base64", "eyJhbGciOiJIUzI1NiJ9.!!!.???");
        yield return ("a token from the future", Sign(App.JwtSigningKey, DateTime.UtcNow.AddHours(3)));
        yield return ("an unsigned token", handler.CreateToken(new SecurityTokenDescriptor { Issuer = "directpay", Audience = "directpay-api",
            Claims = new Dictionary<string, object> { ["sub"] = Guid.NewGuid().ToString(), ["role"] = "admin" } }));
    }

    private async Task<Dictionary<string, long>> CountRowsAsync()
    {
        var counts = new Dictionary<string, long>();
        foreach (var table in CountedTables) counts[table] = await App.ScalarAsync<long>($"SELECT count(*) FROM {table}");
        return counts;
    }
}
