using System.Net;
using System.Net.Http.Json;

namespace DirectPay.Tests.EndToEnd;

/// <summary>
/// No password, token, signing secret or full account number in any log line, trace or metric the api and the workers
/// emitted: everything the run exported up to this test (TelemetryCollector), after a flow of its own that handles each
/// (an account number given when the account is added, and entered again).
/// </summary>
[Collection(AppCollection.Name)]
public class SecretsTests(DirectPayApp app) : EndToEndTest(app)
{
    private const string AccountNumber = "770011223344";
    /// <summary>Entered again through PUT .../account-number, as the owner of an account from before the vault does.</summary>
    private const string ReenteredNumber = "880011223344";
    private const string WrongPassword = "a wrong password, tried once";

    [Fact]
    public async Task No_password_token_secret_or_account_number_is_logged_or_traced()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 1);
        var scenario = await PaymentScenario.StartAsync(App, payerNumber: AccountNumber);
        var webhook = await (await scenario.Landlord.PostAsync("/api/v1/webhooks/", new { url = receiver.Url, event_types = new[] { "payment.completed" } }))
            .ReadJsonAsync(HttpStatusCode.Created);
        await (await scenario.Renter.PutAsync($"/api/v1/bank-accounts/{scenario.PayerAccountId}/account-number",
            new { account_number = ReenteredNumber })).ReadJsonAsync(HttpStatusCode.OK);
        await (await scenario.Renter.PutAsync($"/api/v1/bank-accounts/{scenario.PayerAccountId}/account-number",
            new { account_number = "880011229999" })).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        var paymentId = await scenario.PayAsync(rail: "instant");
        await scenario.WaitForStatusAsync(paymentId, "completed");
        await Eventually.TrueAsync(() => Task.FromResult(receiver.Requests.Count >= 2), "The webhook was not retried.");
        await (await App.Http.PostAsJsonAsync("/api/v1/auth/token", new { email = scenario.Renter.Email, password = WrongPassword }))
            .ReadProblemAsync(HttpStatusCode.Unauthorized);
        await App.AdminAsync();

        // What was emitted is captured: the payment's id is in the traces and logs (so a search would find a secret too).
        await Eventually.TrueAsync(() => Task.FromResult(App.Telemetry.Find([paymentId.ToString()]).Count == 1),
            "The payment's id never reached the collected telemetry.");
        Assert.True(App.Telemetry.Exports("traces") > 0 && App.Telemetry.Exports("logs") > 0, "no traces or logs were exported");

        var secrets = new[]
        {
            ApiClient.Password, App.AdminPassword, WrongPassword, App.JwtSigningKey, App.VaultKey, webhook.GetProperty("secret").GetString()!,
            scenario.Renter.Token, scenario.Landlord.Token,
            "eyJhbGciOiJIUzI1NiIs", // the start of every token the api issues
            "whsec_",               // the start of every webhook secret
            AccountNumber, ReenteredNumber, "880011229999", "99998888", "55554321", "123456789012", "000123456789",
            "9876543210123", "700012344321", "11110000004321", "22220000004321", // AccountNumberVaultTests' numbers, when they ran first
        };
        Assert.Empty(App.Telemetry.Find(secrets));
    }
}
