using System.Net;
using System.Net.Http.Json;
using DirectPay.Api.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;

namespace DirectPay.Tests.EndToEnd;

/// <summary>The built-in rate limiter: writes per user, sign-ins per email and per IP address; 429 with Retry-After.</summary>
[Collection(AppCollection.Name)]
public class RateLimitTests(DirectPayApp app) : EndToEndTest(app)
{
    /// <summary>The tests' limit on one user's writes per 30 s (the app's default is 120 a minute).</summary>
    public const int WritesPerWindow = 300;

    [Fact]
    public async Task A_user_writing_too_fast_gets_429_with_retry_after_and_others_are_not_slowed()
    {
        var hasty = await App.SignUpAsync("landlord");
        var other = await App.SignUpAsync("landlord");
        var propertiesBefore = await App.CountAsync("properties");

        // Invalid bodies: cheap, and they count like any write (the limiter runs before the endpoint).
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < WritesPerWindow + 5; i++) answers.Add(await hasty.PostAsync("/api/v1/properties/", new { }));

        var limited = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.True(answers.Count(a => a.StatusCode == HttpStatusCode.BadRequest) <= WritesPerWindow);
        var problem = await limited[0].ReadProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("Too many requests", problem.GetProperty("title").GetString());
        Assert.InRange(int.Parse(limited[0].Headers.GetValues("Retry-After").Single()), 1, 30);
        await (await hasty.GetAsync($"/api/v1/users/{hasty.Id}")).ReadJsonAsync(HttpStatusCode.OK); // reads are not limited
        await (await other.PostAsync("/api/v1/properties/", Scenario.PropertyBody())).ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(propertiesBefore + 1, await App.CountAsync("properties"));
    }

    [Fact]
    public async Task Guessing_one_accounts_password_is_stopped_after_five_tries_from_that_address_and_its_owner_still_signs_in()
    {
        var victim = await App.SignUpAsync("renter");
        Task<HttpResponseMessage> SignInAsync(string from, string password)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token")
            {
                Content = JsonContent.Create(new { email = victim.Email, password }),
            };
            request.Headers.Add("X-Forwarded-For", from); // the tests' api believes 127.0.0.1 as a proxy
            return App.Http.SendAsync(request);
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++) statuses.Add((await SignInAsync("203.0.113.9", $"guess-{i}-xxxxxxx")).StatusCode);
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), HttpStatusCode.TooManyRequests], statuses);
        var right = await SignInAsync("203.0.113.9", ApiClient.Password);
        await right.ReadProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(right.Headers.Contains("Retry-After"));

        await (await SignInAsync("198.51.100.4", ApiClient.Password)).ReadJsonAsync(HttpStatusCode.OK); // the owner, elsewhere
    }

    [Fact]
    public void An_ipv6_client_counts_as_its_slash_64()
    {
        Assert.Equal(ClientAddresses.PartitionOf(IPAddress.Parse("2001:db8:1:2::1")), ClientAddresses.PartitionOf(IPAddress.Parse("2001:db8:1:2:ffff::9")));
        Assert.NotEqual(ClientAddresses.PartitionOf(IPAddress.Parse("2001:db8:1:2::1")), ClientAddresses.PartitionOf(IPAddress.Parse("2001:db8:1:3::1")));
        Assert.Equal("203.0.113.7", ClientAddresses.PartitionOf(IPAddress.Parse("::ffff:203.0.113.7")));
    }

    [Fact]
    public void X_forwarded_for_is_believed_only_from_configured_proxies()
    {
        var options = new ForwardedHeadersOptions();
        ClientAddresses.Configure(options, new ForwardedHeadersSettings { KnownProxies = ["10.0.0.5"] });
        Assert.Equal([IPAddress.Parse("10.0.0.5")], options.KnownProxies);
        Assert.Empty(options.KnownIPNetworks); // not loopback, the framework's default

        var none = new ForwardedHeadersOptions();
        ClientAddresses.Configure(none, new ForwardedHeadersSettings());
        Assert.Empty(none.KnownProxies);
        Assert.Empty(none.KnownIPNetworks);
    }

    [Fact]
    public void Sign_ins_are_limited_per_ip_address()
    {
        var settings = new RateLimitSettings { SignInsPerIp = new() { PermitLimit = 2, Window = TimeSpan.FromMinutes(1) } };
        using var limiter = System.Threading.RateLimiting.PartitionedRateLimiter.Create(RateLimits.SignInsPerIp(settings));
        HttpContext From(string ip) => new DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.Parse(ip) } };

        Assert.True(limiter.AttemptAcquire(From("203.0.113.7")).IsAcquired);
        Assert.True(limiter.AttemptAcquire(From("203.0.113.7")).IsAcquired);
        Assert.False(limiter.AttemptAcquire(From("203.0.113.7")).IsAcquired);
        Assert.True(limiter.AttemptAcquire(From("198.51.100.1")).IsAcquired);
    }
}
