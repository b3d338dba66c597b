using System.Net;
using Npgsql;

namespace DirectPay.Tests.EndToEnd;

[Collection(AppCollection.Name)]
public class BankAccountTests(DirectPayApp app) : EndToEndTest(app)
{
    [Fact]
    public async Task The_account_row_keeps_a_token_and_the_last_four_digits_and_the_number_only_in_the_vault()
    {
        var renter = await App.SignUpAsync("renter");
        var response = await renter.PostAsync("/api/v1/bank-accounts/",
            new { account_number = "9876543210123", routing_number = Scenario.RoutingNumber, account_type = "savings" });
        var body = await response.Content.ReadAsStringAsync();
        var account = await response.ReadJsonAsync(HttpStatusCode.Created);

        Assert.Equal("0123", account.GetProperty("last4").GetString());
        Assert.DoesNotContain("9876543210123", body);
        Assert.True(account.GetProperty("is_primary").GetBoolean()); // a first account is primary
        var row = await App.ScalarAsync<string>(
            "SELECT concat_ws('|', account_token, last4, routing_number, account_type, bank_name) FROM bank_accounts WHERE id = $1", account.Id());
        Assert.DoesNotContain("9876543210123", row);
        Assert.StartsWith("btok_", row);
        Assert.Equal(1L, await App.ScalarAsync<long>("SELECT count(*) FROM bank_account_numbers WHERE bank_account_id = $1", account.Id()));
    }

    [Fact]
    public async Task Exactly_one_primary_account_moves_with_set_primary_and_deactivate()
    {
        var landlord = await App.SignUpAsync("landlord");
        var first = await landlord.AddBankAccountAsync("11112222");
        var second = await landlord.AddBankAccountAsync("33334444");
        Assert.Equal(first, await PrimaryOf(landlord.Id));

        await (await landlord.PatchAsync($"/api/v1/bank-accounts/{second}/set-primary")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(second, await PrimaryOf(landlord.Id));

        var deactivated = await (await landlord.PatchAsync($"/api/v1/bank-accounts/{second}/deactivate")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.False(deactivated.GetProperty("is_active").GetBoolean());
        Assert.Equal(first, await PrimaryOf(landlord.Id));

        var reactivate = await landlord.PatchAsync($"/api/v1/bank-accounts/{second}/set-primary");
        await reactivate.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(first, await PrimaryOf(landlord.Id));

        var listed = await (await landlord.GetAsync($"/api/v1/bank-accounts/user/{landlord.Id}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, listed.GetArrayLength());
    }

    [Fact]
    public async Task The_database_refuses_a_second_primary_account()
    {
        var renter = await App.SignUpAsync("renter");
        var first = await renter.AddBankAccountAsync("55556666");
        await renter.AddBankAccountAsync("77778888");

        var sneaky = App.Database.CreateCommand("UPDATE bank_accounts SET is_primary = true WHERE user_id = $1 AND id <> $2");
        sneaky.Parameters.Add(new NpgsqlParameter { Value = renter.Id });
        sneaky.Parameters.Add(new NpgsqlParameter { Value = first });
        var refused = await Assert.ThrowsAsync<PostgresException>(() => sneaky.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.UniqueViolation, refused.SqlState);
    }

    [Fact]
    public async Task Racing_primary_changes_answer_200_or_409_and_leave_one_primary()
    {
        var renter = await App.SignUpAsync("renter");
        await renter.AddBankAccountAsync("30303030");
        var second = await renter.AddBankAccountAsync("40404040");
        var third = await renter.AddBankAccountAsync("50505050");

        var answers = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(i => renter.PatchAsync($"/api/v1/bank-accounts/{(i % 2 == 0 ? second : third)}/set-primary")));

        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.Equal(1L, await App.ScalarAsync<long>("SELECT count(*) FROM bank_accounts WHERE user_id = $1 AND is_primary", renter.Id));
    }

    [Fact]
    public async Task Make_primary_on_a_new_account_takes_over()
    {
        var renter = await App.SignUpAsync("renter");
        await renter.AddBankAccountAsync("10101010");
        var newer = await renter.AddBankAccountAsync("20202020", makePrimary: true);
        Assert.Equal(newer, await PrimaryOf(renter.Id));
        Assert.Equal(1L, await App.ScalarAsync<long>("SELECT count(*) FROM bank_accounts WHERE user_id = $1 AND is_primary", renter.Id));
    }

    private Task<Guid> PrimaryOf(Guid userId) =>
        App.ScalarAsync<Guid>("SELECT id FROM bank_accounts WHERE user_id = $1 AND is_primary", userId);
}
