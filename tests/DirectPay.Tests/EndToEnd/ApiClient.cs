using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace DirectPay.Tests.EndToEnd;

/// <summary>A signed-up user with a token, talking to the api the way a client would.</summary>
public sealed record Caller(DirectPayApp App, Guid Id, string Email, string Token)
{
    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path);
    public Task<HttpResponseMessage> PostAsync(string path, object body) => SendAsync(HttpMethod.Post, path, body);
    public Task<HttpResponseMessage> PutAsync(string path, object body) => SendAsync(HttpMethod.Put, path, body);
    public Task<HttpResponseMessage> PatchAsync(string path) => SendAsync(HttpMethod.Patch, path);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        if (body is not null) request.Content = JsonContent.Create(body);
        return await App.Http.SendAsync(request);
    }
}

public static class ApiClient
{
    /// <summary>Every signed-up test user's password.</summary>
    public const string Password = "correct horse battery staple";

    public static async Task<Caller> SignUpAsync(this DirectPayApp app, string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@example.com";
        var created = await app.Http.PostAsJsonAsync("/api/v1/users/", new { email, full_name = $"A {role}", role, password = Password });
        var user = await created.ReadJsonAsync(HttpStatusCode.Created);
        return await app.LogInAsync(Guid.Parse(user.GetProperty("id").GetString()!), email, Password);
    }

    public static async Task<Caller> LogInAsync(this DirectPayApp app, Guid id, string email, string password)
    {
        var response = await app.Http.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        var token = await response.ReadJsonAsync(HttpStatusCode.OK);
        return new Caller(app, id, email, token.GetProperty("access_token").GetString()!);
    }

    /// <summary>The admin seeded from the AppHost's parameters, logged in once per run.</summary>
    public static Task<Caller> AdminAsync(this DirectPayApp app) => app.Admin.Value;

    internal static async Task<Caller> LogInAdminAsync(DirectPayApp app)
    {
        var id = await app.ScalarAsync<Guid>("SELECT id FROM users WHERE email = $1 AND role = 'admin'", DirectPayApp.AdminEmail);
        Assert.True(id != Guid.Empty, "The admin from configuration was not seeded: " + await app.ScalarAsync<string>("SELECT string_agg(email, ',') FROM users WHERE role = 'admin'"));
        return await app.LogInAsync(id, DirectPayApp.AdminEmail, app.AdminPassword);
    }

    /// <summary>Asserts the status, then returns the JSON body.</summary>
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asserts an application/problem+json answer with the status; returns it.</summary>
    public static async Task<JsonElement> ReadProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var problem = await response.ReadJsonAsync(expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>The fields a validation problem names.</summary>
    public static string[] ErrorFields(this JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToArray();

    public static Guid Id(this JsonElement json) => Guid.Parse(json.GetProperty("id").GetString()!);
}
