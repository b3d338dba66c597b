using System.Net;
using System.Text;
using System.Text.Json;
using DirectPay.Domain;

namespace DirectPay.Tests.EndToEnd;

/// <summary>
/// Account numbers are kept sealed in the vault; an account without one (added before the vault, simulated by deleting its
/// row) moves no money in or out until its owner enters the number again.
/// </summary>
[Collection(AppCollection.Name)]
public class AccountNumberVaultTests(DirectPayApp app) : EndToEndTest(app)
{
    private static readonly DateOnly ThisMonth = new(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1);

    [Fact]
    public async Task An_added_account_has_a_sealed_row_that_hides_the_number_and_opens_to_it()
    {
        var renter = await App.SignUpAsync("renter");
        var accountId = await renter.AddBankAccountAsync("9876543210123");

        var (keyId, ciphertext) = await SealedAsync(accountId);
        Assert.Equal("k1", keyId);
        Assert.DoesNotContain("9876543210123", Encoding.Latin1.GetString(ciphertext));
        Assert.Equal("9876543210123", Open(accountId, keyId, ciphertext));
        // Who entered it and when is audited, the sealed bytes are not.
        Assert.Equal("***", await App.ScalarAsync<string>(
            "SELECT new_values->>'ciphertext' FROM audit_log WHERE entity = 'bank_account_numbers' AND entity_id = $1", accountId.ToString()));
    }

    [Fact]
    public async Task A_payer_account_without_its_number_cannot_pay_until_its_owner_enters_it()
    {
        var scenario = await PaymentScenario.StartAsync(App, payerNumber: "700012344321");
        await ForgetNumberAsync(scenario.PayerAccountId);

        var refused = await (await scenario.PayAsync(scenario.Body(), headerKey: Guid.NewGuid().ToString())).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["payer_account_id"], refused.ErrorFields());
        Assert.Contains(scenario.PayerAccountId.ToString(), refused.GetProperty("detail").GetString());
        Assert.Equal(0L, await App.ScalarAsync<long>("SELECT count(*) FROM payments WHERE lease_id = $1", scenario.LeaseId));
        var autopay = await (await scenario.Renter.PutAsync($"/api/v1/leases/{scenario.LeaseId}/autopay", new { enabled = true }))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["bank_account_id"], autopay.ErrorFields());
        Assert.Contains(scenario.PayerAccountId.ToString(), autopay.GetProperty("detail").GetString());

        var wrong = await (await EnterAsync(scenario.Renter, scenario.PayerAccountId, "700012349999")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["account_number"], wrong.ErrorFields());
        Assert.Equal(0L, await App.ScalarAsync<long>("SELECT count(*) FROM bank_account_numbers WHERE bank_account_id = $1", scenario.PayerAccountId));

        var entered = await (await EnterAsync(scenario.Renter, scenario.PayerAccountId, "700012344321")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(("4321", scenario.PayerAccountId), (entered.GetProperty("last4").GetString(), entered.Id()));
        Assert.DoesNotContain("700012344321", entered.GetRawText());
        var (keyId, ciphertext) = await SealedAsync(scenario.PayerAccountId);
        Assert.Equal("700012344321", Open(scenario.PayerAccountId, keyId, ciphertext));
        var paymentId = await scenario.PayAsync(rail: "instant");
        await scenario.WaitForStatusAsync(paymentId, "completed");
    }

    [Fact]
    public async Task A_landlord_account_without_its_number_is_named_when_a_renter_pays_into_it()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        await ForgetNumberAsync(scenario.PayeeAccountId);

        var refused = await (await scenario.PayAsync(scenario.Body(), headerKey: Guid.NewGuid().ToString())).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["payee_account_id"], refused.ErrorFields());
        Assert.Contains(scenario.PayeeAccountId.ToString(), refused.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_retry_and_a_refund_are_refused_while_an_account_lacks_its_number()
    {
        var failing = await PaymentScenario.StartAsync(App, payerNumber: "40000001"); // R01 every time
        var failed = await failing.PayAsync(rail: "instant");
        await failing.WaitForStatusAsync(failed, "failed");
        await ForgetNumberAsync(failing.PayerAccountId);
        var retry = await (await failing.Renter.PostAsync($"/api/v1/payments/{failed}/retry", new { })).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["payer_account_id"], retry.ErrorFields());
        Assert.Contains(failing.PayerAccountId.ToString(), retry.GetProperty("detail").GetString());
        Assert.Equal("failed", await App.ScalarAsync<string>("SELECT status FROM payments WHERE id = $1", failed));

        var paid = await PaymentScenario.StartAsync(App);
        var completed = await paid.PayAsync(100.00m, rail: "instant");
        await paid.WaitForStatusAsync(completed, "completed");
        await ForgetNumberAsync(paid.PayerAccountId);
        var refund = await (await paid.Landlord.PostAsync($"/api/v1/payments/{completed}/refunds",
            new { amount = 10.00m, idempotency_key = $"key-{Guid.NewGuid():N}" })).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["payer_account_id"], refund.ErrorFields());
        Assert.Contains(paid.PayerAccountId.ToString(), refund.GetProperty("detail").GetString());
        Assert.Equal(0L, await App.ScalarAsync<long>("SELECT count(*) FROM refunds WHERE payment_id = $1", completed));

        await (await EnterAsync(paid.Renter, paid.PayerAccountId, PaymentScenario.DefaultPayerNumber)).ReadJsonAsync(HttpStatusCode.OK);
        await (await paid.Landlord.PostAsync($"/api/v1/payments/{completed}/refunds",
            new { amount = 10.00m, idempotency_key = $"key-{Guid.NewGuid():N}" })).ReadJsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Autopay_from_an_account_without_its_number_is_a_failed_attempt_naming_it()
    {
        var (landlord, renter) = (await App.SignUpAsync("landlord"), await App.SignUpAsync("renter"));
        await landlord.AddBankAccountAsync("99998888");
        var payer = await renter.AddBankAccountAsync("55554321");
        var leaseId = await RentTests.CreateLeaseAsync(landlord, renter.Id, ThisMonth, rent: 1000.00m); // this month is due
        await (await landlord.PutAsync($"/api/v1/leases/{leaseId}/schedule", new { status = "paused" })).ReadJsonAsync(HttpStatusCode.OK);
        await (await renter.PutAsync($"/api/v1/leases/{leaseId}/autopay", new { enabled = true, payment_rail_type = "instant" }))
            .ReadJsonAsync(HttpStatusCode.OK); // set up before the vault, as it were
        await ForgetNumberAsync(payer);
        await (await landlord.PutAsync($"/api/v1/leases/{leaseId}/schedule", new { status = "active" })).ReadJsonAsync(HttpStatusCode.OK);

        JsonElement[] attempts = [];
        await Eventually.TrueAsync(async () => (attempts = (await (await renter.GetAsync($"/api/v1/leases/{leaseId}/autopay"))
            .ReadJsonAsync(HttpStatusCode.OK)).GetProperty("attempts").EnumerateArray().ToArray()).Length == 1, "Autopay never tried.");
        Assert.Contains($"Bank account {payer} has no account number on file", attempts[0].GetProperty("failure_reason").GetString());
        Assert.Equal(JsonValueKind.Null, attempts[0].GetProperty("payment_id").ValueKind);
        Assert.Equal(0L, await App.ScalarAsync<long>("SELECT count(*) FROM payments WHERE lease_id = $1", leaseId));
    }

    [Fact]
    public async Task A_kept_number_is_replaced_only_by_one_with_the_same_last_four_and_only_by_its_owner()
    {
        var renter = await App.SignUpAsync("renter");
        var accountId = await renter.AddBankAccountAsync("11110000004321");

        var wrong = await (await EnterAsync(renter, accountId, "11110000009999")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["account_number"], wrong.ErrorFields());
        var (keyId, ciphertext) = await SealedAsync(accountId);
        Assert.Equal("11110000004321", Open(accountId, keyId, ciphertext));
        await (await EnterAsync(renter, accountId, "12")).ReadProblemAsync(HttpStatusCode.BadRequest);

        await (await EnterAsync(renter, accountId, "22220000004321")).ReadJsonAsync(HttpStatusCode.OK);
        (keyId, ciphertext) = await SealedAsync(accountId);
        Assert.Equal("22220000004321", Open(accountId, keyId, ciphertext));

        foreach (var stranger in new[] { await App.SignUpAsync("renter"), await App.SignUpAsync("landlord"), await App.AdminAsync() })
            await (await EnterAsync(stranger, accountId, "33330000004321")).ReadProblemAsync(HttpStatusCode.NotFound);
        (keyId, ciphertext) = await SealedAsync(accountId);
        Assert.Equal("22220000004321", Open(accountId, keyId, ciphertext));
    }

    private static Task<HttpResponseMessage> EnterAsync(Caller caller, Guid accountId, string number) =>
        caller.PutAsync($"/api/v1/bank-accounts/{accountId}/account-number", new { account_number = number });

    /// <summary>Makes the account one from before the vault: no sealed number.</summary>
    private async Task ForgetNumberAsync(Guid accountId)
    {
        await using var command = App.Database.CreateCommand("DELETE FROM bank_account_numbers WHERE bank_account_id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = accountId });
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private async Task<(string KeyId, byte[] Ciphertext)> SealedAsync(Guid accountId)
    {
        await using var command = App.Database.CreateCommand("SELECT key_id, ciphertext FROM bank_account_numbers WHERE bank_account_id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = accountId });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"No sealed number for {accountId}.");
        return (reader.GetString(0), (byte[])reader.GetValue(1));
    }

    private string Open(Guid accountId, string keyId, byte[] ciphertext)
    {
        var row = new BankAccountNumber(accountId, new DirectPay.Vault.Sealed(keyId, ciphertext));
        return row.Open(App.Vault);
    }
}
