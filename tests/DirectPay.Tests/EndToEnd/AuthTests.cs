using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace DirectPay.Tests.EndToEnd;

[Collection(AppCollection.Name)]
public class AuthTests(DirectPayApp app) : EndToEndTest(app)
{
    public static TheoryData<string, string> ProtectedEndpoints => new()
    {
        { "GET", $"/api/v1/users/{Guid.NewGuid()}" },
        { "GET", "/api/v1/users/role/renter" },
        { "POST", "/api/v1/bank-accounts/" },
        { "GET", $"/api/v1/bank-accounts/{Guid.NewGuid()}" },
        { "GET", $"/api/v1/bank-accounts/user/{Guid.NewGuid()}" },
        { "PATCH", $"/api/v1/bank-accounts/{Guid.NewGuid()}/set-primary" },
        { "PATCH", $"/api/v1/bank-accounts/{Guid.NewGuid()}/deactivate" },
        { "POST", "/api/v1/properties/" },
        { "GET", $"/api/v1/properties/{Guid.NewGuid()}" },
        { "GET", $"/api/v1/properties/landlord/{Guid.NewGuid()}" },
        { "POST", "/api/v1/leases/" },
        { "GET", $"/api/v1/leases/{Guid.NewGuid()}" },
        { "GET", $"/api/v1/leases/renter/{Guid.NewGuid()}" },
        { "GET", $"/api/v1/leases/property/{Guid.NewGuid()}" },
        { "POST", $"/api/v1/leases/{Guid.NewGuid()}/amendments" },
        { "POST", "/api/v1/payments/" },
        { "GET", $"/api/v1/payments/{Guid.NewGuid()}" },
        { "GET", $"/api/v1/payments/{Guid.NewGuid()}/history" },
        { "GET", $"/api/v1/payments/lease/{Guid.NewGuid()}" },
        { "POST", $"/api/v1/payments/{Guid.NewGuid()}/retry" },
        { "GET", $"/api/v1/bank-accounts/{Guid.NewGuid()}/balance" },
        { "GET", $"/api/v1/bank-accounts/{Guid.NewGuid()}/entries" },
        { "GET", "/api/v1/admin/ledger/check" },
        { "POST", "/api/v1/admin/bank-statements" },
        { "POST", "/api/v1/admin/reconciliation/runs" },
        { "GET", $"/api/v1/admin/reconciliation/runs/{Guid.NewGuid()}" },
        { "GET", "/api/v1/admin/reconciliation" },
        { "GET", $"/api/v1/landlords/{Guid.NewGuid()}/stats" },
        { "GET", "/api/v1/admin/stats" },
        { "POST", "/api/v1/webhooks/" },
        { "GET", "/api/v1/webhooks/" },
        { "DELETE", $"/api/v1/webhooks/{Guid.NewGuid()}" },
        { "GET", $"/api/v1/webhooks/{Guid.NewGuid()}/deliveries" },
        { "POST", $"/api/v1/webhooks/{Guid.NewGuid()}/deliveries/{Guid.NewGuid()}/resend" },
        { "POST", $"/api/v1/payments/{Guid.NewGuid()}/refunds" },
        { "GET", $"/api/v1/payments/{Guid.NewGuid()}/refunds" },
        { "GET", $"/api/v1/payments/{Guid.NewGuid()}/refunds/{Guid.NewGuid()}" },
    };

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task Every_endpoint_but_sign_up_and_token_needs_a_valid_token(string method, string path)
    {
        using var anonymous = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) };
        await (await App.Http.SendAsync(anonymous)).ReadProblemAsync(HttpStatusCode.Unauthorized);

        using var forged = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) };
        forged.Headers.Authorization = new AuthenticationHeaderValue("Bearer",
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDAiLCJyb2xlIjoiYWRtaW4ifQ.c2lnbmF0dXJl");
        await (await App.Http.SendAsync(forged)).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_password_is_hashed_and_never_returned()
    {
        const string password = "a long enough secret phrase";
        var email = $"Mixed.Case-{Guid.NewGuid():N}@Example.com";
        var response = await App.Http.PostAsJsonAsync("/api/v1/users/", new { email, full_name = "Rita Renter", role = "renter", password });
        var body = await response.Content.ReadAsStringAsync();
        var user = await response.ReadJsonAsync(HttpStatusCode.Created);

        Assert.DoesNotContain(password, body);
        Assert.DoesNotContain("password", body);
        Assert.Equal(email.ToLowerInvariant(), user.GetProperty("email").GetString());
        var hash = await App.ScalarAsync<string>("SELECT password_hash FROM users WHERE id = $1", user.Id());
        Assert.NotEqual(password, hash);
        Assert.StartsWith("AQAAAA", hash); // ASP.NET Core Identity's PasswordHasher v3 format

        // Emails are unique whatever their case.
        var again = await App.Http.PostAsJsonAsync("/api/v1/users/", new { email = email.ToUpperInvariant(), full_name = "R", role = "renter", password });
        await again.ReadProblemAsync(HttpStatusCode.Conflict);

        var wrong = await App.Http.PostAsJsonAsync("/api/v1/auth/token", new { email, password = "not the password at all" });
        await wrong.ReadProblemAsync(HttpStatusCode.Unauthorized);
        var unknown = await App.Http.PostAsJsonAsync("/api/v1/auth/token", new { email = "nobody@example.com", password });
        await unknown.ReadProblemAsync(HttpStatusCode.Unauthorized);
        var right = await App.Http.PostAsJsonAsync("/api/v1/auth/token", new { email = email.ToUpperInvariant(), password });
        var token = await right.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Bearer", token.GetProperty("token_type").GetString());
        Assert.InRange(token.GetProperty("expires_in").GetInt32(), 60, 3600);
    }

    [Fact]
    public async Task Admin_is_seeded_from_configuration_and_cannot_be_self_assigned()
    {
        var before = await App.CountAsync("users");
        var selfAdmin = await App.Http.PostAsJsonAsync("/api/v1/users/",
            new { email = $"x-{Guid.NewGuid():N}@example.com", full_name = "Mallory", role = "admin", password = "let me be the admin" });
        Assert.Equal(["role"], (await selfAdmin.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Equal(before, await App.CountAsync("users"));

        var admin = await App.AdminAsync();
        var renter = await App.SignUpAsync("renter");
        var renters = await (await admin.GetAsync("/api/v1/users/role/renter")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Contains(renters.EnumerateArray(), u => u.Id() == renter.Id);
        Assert.All(renters.EnumerateArray(), u => Assert.Equal("renter", u.GetProperty("role").GetString()));
        await (await admin.GetAsync($"/api/v1/users/{renter.Id}")).ReadJsonAsync(HttpStatusCode.OK);

        await (await renter.GetAsync("/api/v1/users/role/renter")).ReadProblemAsync(HttpStatusCode.Forbidden);
        var unknownRole = await admin.GetAsync("/api/v1/users/role/owner");
        Assert.Equal(["role"], (await unknownRole.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task A_closed_accounts_tokens_stop_working_at_once_and_it_cannot_sign_in_again()
    {
        var renter = await App.SignUpAsync("renter");
        var stranger = await App.SignUpAsync("renter");
        await (await renter.GetAsync($"/api/v1/users/{renter.Id}")).ReadJsonAsync(HttpStatusCode.OK);

        await (await stranger.SendAsync(HttpMethod.Delete, $"/api/v1/users/{renter.Id}")).ReadProblemAsync(HttpStatusCode.NotFound);
        var closed = await renter.SendAsync(HttpMethod.Delete, $"/api/v1/users/{renter.Id}");
        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);

        await (await renter.GetAsync($"/api/v1/users/{renter.Id}")).ReadProblemAsync(HttpStatusCode.Unauthorized); // the same, unexpired token
        var signIn = await App.Http.PostAsJsonAsync("/api/v1/auth/token", new { email = renter.Email, password = ApiClient.Password });
        await signIn.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.False(await App.ScalarAsync<bool>("SELECT is_active FROM users WHERE id = $1", renter.Id));
    }

    [Fact]
    public async Task An_admin_closes_other_accounts_but_not_an_admin_one()
    {
        var admin = await App.AdminAsync();
        var landlord = await App.SignUpAsync("landlord");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(HttpMethod.Delete, $"/api/v1/users/{landlord.Id}")).StatusCode);
        await (await landlord.GetAsync($"/api/v1/users/{landlord.Id}")).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await admin.SendAsync(HttpMethod.Delete, $"/api/v1/users/{admin.Id}")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
    }
}
