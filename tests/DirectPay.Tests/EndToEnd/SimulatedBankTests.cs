namespace DirectPay.Tests.EndToEnd;

[Collection(AppCollection.Name)]
public class SimulatedBankTests(DirectPayApp app) : EndToEndTest(app)
{
    private const decimal OpeningBalance = 100_000.00m;

    [Fact]
    public async Task Insufficient_funds_comes_from_the_payers_balance_at_the_bank()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        await SetBankBalanceAsync(scenario.PayerAccountId, 100.00m);

        var paymentId = await scenario.PayAsync(amount: 1500.00m, rail: "instant");
        var failed = await scenario.WaitForStatusAsync(paymentId, "failed");
        Assert.Equal("R01", failed.GetProperty("failure_code").GetString());
        Assert.Equal(100.00m, await BankBalanceAsync(scenario.PayerAccountId));

        await SetBankBalanceAsync(scenario.PayerAccountId, 2000.00m); // payday
        await (await scenario.Renter.PostAsync($"/api/v1/payments/{paymentId}/retry", new { })).ReadJsonAsync(System.Net.HttpStatusCode.OK);
        await scenario.WaitForStatusAsync(paymentId, "completed");

        Assert.Equal(500.00m, await BankBalanceAsync(scenario.PayerAccountId));
        Assert.Equal(OpeningBalance + 1500.00m, await BankBalanceAsync(scenario.PayeeAccountId));
    }

    /// <summary>Seeds the simulated bank's record of an account, as a sandbox lets a tester do.</summary>
    private async Task SetBankBalanceAsync(Guid bankAccountId, decimal balance)
    {
        await using var seed = App.Database.CreateCommand("""
            INSERT INTO simulated_bank_accounts (bank_account_id, balance, updated_at) VALUES ($1, $2, now())
            ON CONFLICT (bank_account_id) DO UPDATE SET balance = excluded.balance, updated_at = now()
            """);
        seed.Parameters.Add(new Npgsql.NpgsqlParameter { Value = bankAccountId });
        seed.Parameters.Add(new Npgsql.NpgsqlParameter { Value = balance });
        await seed.ExecuteNonQueryAsync();
    }

    private Task<decimal> BankBalanceAsync(Guid bankAccountId) =>
        App.ScalarAsync<decimal>("SELECT balance FROM simulated_bank_accounts WHERE bank_account_id = $1", bankAccountId);
}
