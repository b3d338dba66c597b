using System.Net;
using System.Text.Json;
using DirectPay.Banking;

namespace DirectPay.Tests.EndToEnd;

/// <summary>
/// Landlords are paid from DirectPay's settlement account by ACH credit: one payout per landlord per banking date,
/// carrying every collection whose return window has closed, net of what came back since (README, "Payouts").
/// </summary>
[Collection(AppCollection.Name)]
public class PayoutTests(DirectPayApp app) : EndToEndTest(app)
{
    [Fact]
    public async Task A_payout_carries_the_cleared_payments_in_one_credit_and_none_that_failed()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        var emptyAccount = await scenario.Renter.AddBankAccountAsync(PaymentScenario.OwnNumber("0001"));
        Guid[] cleared;
        Guid failed;
        // No payout is made while the test holds the payouts' lock: all three collections clear first, so one payout carries them.
        await using (await HoldPayoutsAsync())
        {
            cleared = [await scenario.PayAsync(500.00m), await scenario.PayAsync(400.00m), await scenario.PayAsync(600.00m, rail: "same_day_ach")];
            failed = await scenario.PayAsync(100.00m, payerAccountId: emptyAccount);
            foreach (var id in cleared) await scenario.WaitForStatusAsync(id, "completed");
            await scenario.WaitForStatusAsync(failed, "failed");

            var waiting = await PayoutsAsync(scenario);
            Assert.Equal(1500.00m, waiting.GetProperty("balance").GetDecimal()); // cleared, and not paid out yet
            Assert.Empty(waiting.GetProperty("items").EnumerateArray());
        }

        var payout = await WaitForPayoutAsync(scenario, p => p.GetProperty("status").GetString() == "paid");
        Assert.Equal(1500.00m, payout.GetProperty("amount").GetDecimal());
        Assert.Equal(cleared.Order(), payout.GetProperty("payment_ids").EnumerateArray().Select(p => p.GetGuid()).Order());
        Assert.Equal(scenario.PayeeAccountId, payout.GetProperty("bank_account_id").GetGuid());
        Assert.Equal(0m, (await PayoutsAsync(scenario)).GetProperty("balance").GetDecimal());

        // Made after each payment's return window closed, for a banking date of its own.
        var businessDate = DateOnly.Parse(payout.GetProperty("business_date").GetString()!);
        foreach (var id in cleared)
        {
            var settled = DateOnly.Parse((await scenario.WaitForStatusAsync(id, "completed")).GetProperty("expected_settlement_date").GetString()!);
            Assert.True(businessDate >= AchReturns.WindowClosesOn(settled), $"Payout for {businessDate} carried a payment settled {settled}.");
        }

        // At the bank: one PPD credit of the sum to the landlord's account, out of the settlement account.
        var trace = payout.GetProperty("trace_number").GetString()!;
        Assert.Equal(("PPD", 22, 1500.00m), (
            await App.BankScalarAsync<string>("SELECT sec_code FROM received_entries WHERE trace_number = $1", trace),
            await App.BankScalarAsync<int>("SELECT transaction_code FROM received_entries WHERE trace_number = $1", trace),
            await App.BankScalarAsync<decimal>("SELECT amount FROM received_entries WHERE trace_number = $1", trace)));
        Assert.EndsWith("8888", await App.BankScalarAsync<string>("SELECT account_number FROM received_entries WHERE trace_number = $1", trace));

        // The books: the collections went into the settlement account, the payout out of it into the landlord's account.
        Assert.Equal(1500.00m, await App.ScalarAsync<decimal>(
            "SELECT sum(amount) FROM ledger_entries WHERE source_type = 'payment' AND source_id = ANY($1) AND ledger_account_id = '00000000-0000-0000-0000-000000000100'",
            cleared));
        Assert.Equal(1500.00m, await App.ScalarAsync<decimal>("SELECT balance FROM ledger_accounts WHERE bank_account_id = $1", scenario.PayeeAccountId));
        Assert.Equal(0L, await App.ScalarAsync<long>("SELECT count(*) FROM payout_items WHERE payment_id = $1", failed));
    }

    [Fact]
    public async Task A_return_after_the_payout_leaves_the_balance_negative_and_is_netted_from_the_next()
    {
        var scenario = await PaymentScenario.StartAsync(App, payerNumber: "40000025"); // R10 twenty banking days after settlement
        var claimed = await scenario.PayAsync();
        var first = await WaitForPayoutAsync(scenario, p => p.GetProperty("payment_ids").EnumerateArray().Any(id => id.GetGuid() == claimed));

        await scenario.WaitForStatusAsync(claimed, "returned");
        var owed = await PayoutsAsync(scenario);
        Assert.Equal(-1500.00m, owed.GetProperty("balance").GetDecimal());
        var line = Assert.Single(owed.GetProperty("open_items").EnumerateArray());
        Assert.Equal(("return", claimed), (line.GetProperty("kind").GetString(), line.GetProperty("payment_id").GetGuid()));

        // The renter pays again from another account, January (due again) and February: the next payout nets the return.
        var account = await scenario.Renter.AddBankAccountAsync(PaymentScenario.OwnNumber("5555"));
        Guid[] again = [await scenario.PayAsync(payerAccountId: account), await scenario.PayAsync(payerAccountId: account)];
        var next = await WaitForPayoutAsync(scenario, p => p.Id() != first.Id());
        Assert.Equal(1500.00m, next.GetProperty("amount").GetDecimal());
        Assert.Equal(again.Order(), next.GetProperty("payment_ids").EnumerateArray().Select(p => p.GetGuid()).Order());
        Assert.Equal(["collection 1500.00", "collection 1500.00", "return -1500.00"],
            next.GetProperty("items").EnumerateArray().Select(i => $"{i.GetProperty("kind").GetString()} {i.GetProperty("amount").GetDecimal():0.00}").Order());
    }

    [Fact]
    public async Task A_payout_the_landlords_bank_returns_is_held_and_told_until_another_account_is_named()
    {
        var scenario = await PaymentScenario.StartAsync(App, payeeNumber: PaymentScenario.OwnNumber("0002")); // R02: the landlord's account closed
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 0);
        await (await scenario.Landlord.PostAsync("/api/v1/webhooks/", new { url = receiver.Url, event_types = new[] { "payout.returned" } }))
            .ReadJsonAsync(HttpStatusCode.Created);
        await scenario.WaitForStatusAsync(await scenario.PayAsync(), "completed");

        var returned = await WaitForPayoutAsync(scenario, p => p.GetProperty("status").GetString() == "returned");
        Assert.Equal("R02", returned.GetProperty("failure_code").GetString());
        await Eventually.TrueAsync(() => Task.FromResult(receiver.Requests.Any(r => r.Answered == 200)), "payout.returned was never delivered.");
        var told = JsonDocument.Parse(receiver.Requests.First(r => r.Answered == 200).Body).RootElement;
        Assert.Equal(("payout.returned", returned.Id()), (told.GetProperty("type").GetString(), told.GetProperty("data").GetProperty("payout_id").GetGuid()));
        Assert.Equal(1500.00m, (await PayoutsAsync(scenario)).GetProperty("balance").GetDecimal()); // the funds are held

        // Two banking dates' payouts later, nothing more was sent to the closed account.
        var later = FedCalendar.At(FedCalendar.AddBusinessDays(FedCalendar.DateInNewYork(await CollectedThroughAsync()), 2), new TimeOnly(12, 0));
        await Eventually.TrueAsync(async () => await CollectedThroughAsync() > later, "The collector's banking time never passed two more payout times.");
        Assert.Equal(1L, await App.ScalarAsync<long>("SELECT count(*) FROM payouts WHERE landlord_id = $1", scenario.Landlord.Id));

        var named = await scenario.Landlord.AddBankAccountAsync(PaymentScenario.OwnNumber("7777"), makePrimary: true);
        var paid = await WaitForPayoutAsync(scenario, p => p.GetProperty("bank_account_id").GetGuid() == named);
        Assert.Equal(1500.00m, paid.GetProperty("amount").GetDecimal());
        var line = Assert.Single(paid.GetProperty("items").EnumerateArray());
        Assert.Equal(("payout_returned", returned.Id()), (line.GetProperty("kind").GetString(), line.GetProperty("returned_payout_id").GetGuid()));
    }

    [Fact]
    public async Task A_refund_goes_back_to_the_renter_by_ACH_credit_from_the_settlement_account_and_lowers_the_payout()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        Guid paymentId, refundId;
        await using (await HoldPayoutsAsync())
        {
            paymentId = await scenario.PayAsync();
            await scenario.WaitForStatusAsync(paymentId, "completed");
            refundId = (await (await RefundTests.PostRefundAsync(App, scenario.Landlord, paymentId, new { amount = 500.00m, reason = "deposit" }))
                .ReadJsonAsync(HttpStatusCode.Created)).Id();
            var refund = await RefundTests.WaitForRefundAsync(scenario, paymentId, refundId, "completed");
            Assert.Equal(["refund_requested", "refund_processing", "refund_completed"],
                refund.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("event_type").GetString()));
            Assert.Equal(1000.00m, (await PayoutsAsync(scenario)).GetProperty("balance").GetDecimal());
        }

        // At the bank: a PPD credit of 500.00 to the renter's account, in a file DirectPay sent.
        var trace = await App.ScalarAsync<string>("SELECT trace_number FROM ach_entries WHERE refund_id = $1", refundId);
        Assert.Equal(("PPD", "REFUND", 22, 500.00m), (
            await App.BankScalarAsync<string>("SELECT sec_code FROM received_entries WHERE trace_number = $1", trace!),
            await App.BankScalarAsync<string>("SELECT entry_description FROM received_entries WHERE trace_number = $1", trace!),
            await App.BankScalarAsync<int>("SELECT transaction_code FROM received_entries WHERE trace_number = $1", trace!),
            await App.BankScalarAsync<decimal>("SELECT amount FROM received_entries WHERE trace_number = $1", trace!)));
        Assert.Equal(scenario.PayerNumber, await App.BankScalarAsync<string>("SELECT account_number FROM received_entries WHERE trace_number = $1", trace!));
        // The books: out of the settlement account, into the renter's.
        Assert.Equal("-500.00,500.00,-500.00,500.00", await App.ScalarAsync<string>(
            "SELECT string_agg(amount::text, ',' ORDER BY id) FROM ledger_entries WHERE source_type = 'refund' AND source_id = $1", refundId));
        Assert.Equal(-500.00m, await App.ScalarAsync<decimal>(
            "SELECT amount FROM ledger_entries WHERE source_id = $1 AND ledger_account_id = '00000000-0000-0000-0000-000000000100'", refundId));

        var payout = await WaitForPayoutAsync(scenario, p => p.GetProperty("payment_ids").EnumerateArray().Any(id => id.GetGuid() == paymentId));
        Assert.Equal(1000.00m, payout.GetProperty("amount").GetDecimal());
        Assert.Equal(["collection 1500.00", "refund -500.00"],
            payout.GetProperty("items").EnumerateArray().Select(i => $"{i.GetProperty("kind").GetString()} {i.GetProperty("amount").GetDecimal():0.00}").Order());
    }

    [Fact]
    public async Task Only_the_landlord_and_an_admin_see_a_landlords_payouts()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        var other = await App.SignUpAsync("landlord");
        Assert.Equal(HttpStatusCode.OK, (await scenario.Landlord.GetAsync($"/api/v1/landlords/{scenario.Landlord.Id}/payouts")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await App.AdminAsync()).GetAsync($"/api/v1/landlords/{scenario.Landlord.Id}/payouts")).StatusCode);
        await (await other.GetAsync($"/api/v1/landlords/{scenario.Landlord.Id}/payouts")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await scenario.Renter.GetAsync($"/api/v1/landlords/{scenario.Landlord.Id}/payouts")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await scenario.Landlord.GetAsync($"/api/v1/landlords/{scenario.Landlord.Id}/payouts?page_size=0")).ReadProblemAsync(HttpStatusCode.BadRequest);
    }

    /// <summary>The banking time through which the worker has applied the bank's files, and made payouts due by then.</summary>
    private async Task<DateTimeOffset> CollectedThroughAsync() =>
        new(DateTime.SpecifyKind(await App.ScalarAsync<DateTime>("SELECT collected_through FROM ach_cursors WHERE name = 'collection'"), DateTimeKind.Utc));

    /// <summary>Holds the lock the worker takes to make payouts (it skips a held lock): none is made until this is disposed.</summary>
    private async Task<IAsyncDisposable> HoldPayoutsAsync()
    {
        var connection = await App.Database.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new Npgsql.NpgsqlCommand("SELECT 1 FROM ach_cursors WHERE name = 'payouts' FOR UPDATE", connection, transaction))
            await command.ExecuteScalarAsync();
        return new Held(connection, transaction);
    }

    private sealed record Held(Npgsql.NpgsqlConnection Connection, Npgsql.NpgsqlTransaction Transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Transaction.RollbackAsync();
            await Connection.DisposeAsync();
        }
    }

    private static async Task<JsonElement> PayoutsAsync(PaymentScenario scenario) =>
        await (await scenario.Landlord.GetAsync($"/api/v1/landlords/{scenario.Landlord.Id}/payouts")).ReadJsonAsync(HttpStatusCode.OK);

    private static async Task<JsonElement> WaitForPayoutAsync(PaymentScenario scenario, Func<JsonElement, bool> wanted)
    {
        JsonElement found = default;
        await Eventually.TrueAsync(async () =>
        {
            var match = (await PayoutsAsync(scenario)).GetProperty("items").EnumerateArray().Where(wanted).ToList();
            if (match.Count == 0) return false;
            found = Assert.Single(match);
            return true;
        }, $"Landlord {scenario.Landlord.Id} never got the payout awaited.");
        return found;
    }
}
