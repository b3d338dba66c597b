using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DirectPay.Banking.Connection;

public static class BankConnectionRegistration
{
    /// <summary>
    /// <see cref="IBankConnection"/> over HTTP to the AppHost's bank resource of that name, authenticated with Bank:ApiKey. The
    /// standard resilience handler retries transient failures; a file sent twice is answered once, by its identity.
    /// </summary>
    public static IHostApplicationBuilder AddBankConnection(this IHostApplicationBuilder builder, string resourceName)
    {
        var apiKey = builder.Configuration["Bank:ApiKey"];
        if (string.IsNullOrWhiteSpace(apiKey))
            throw new InvalidOperationException("No Bank:ApiKey: run DirectPay through its AppHost (dotnet run --project src/DirectPay.AppHost).");
        void Configure(HttpClient http)
        {
            http.BaseAddress = new Uri(builder.Configuration["Bank:Address"] ?? $"https+http://{resourceName}/");
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
        builder.Services.AddHttpClient<IBankConnection, BankHttpConnection>(Configure);
        builder.Services.AddHttpClient<SimulatorSandbox>(Configure);
        return builder;
    }
}
