using System.Net;
using DirectPay.Banking;
using DirectPay.Data;
using DirectPay.Domain;
using DirectPay.Tests.Banking;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Tests.EndToEnd;

/// <summary>
/// Refunds of a payment collected into the settlement account meet a late return of that payment, or come back
/// themselves. The refunds' in-between states (not sent yet, sent and in their return window) pass in a blink at the
/// tests' time scale, so those refunds are written here as the worker would hold them, with times the worker does not
/// reach during the test.
/// </summary>
[Collection(AppCollection.Name)]
public class RefundAtReturnTests(DirectPayApp app) : EndToEndTest(app)
{
    [Fact]
    public async Task A_late_return_stops_the_refunds_that_have_not_left_and_takes_the_payment_back_whole()
    {
        var (scenario, paymentId, trace) = await CompletedPaymentAsync();
        var waiting = await WriteRefundAsync(paymentId, scenario.Landlord.Id, 300.00m, Held.Pending);
        var queued = await WriteRefundAsync(paymentId, scenario.Landlord.Id, 200.00m, Held.Queued);

        var applied = await HandInReturnAsync(trace, "R10");
        Assert.Empty(applied.GetProperty("returned_after_refund").EnumerateArray()); // neither left: the renter has the money once

        var returned = await scenario.WaitForStatusAsync(paymentId, "returned");
        Assert.Equal(0m, returned.GetProperty("refunded_amount").GetDecimal());
        foreach (var refundId in new[] { waiting, queued })
            Assert.Equal("RETURNED", (await RefundTests.WaitForRefundAsync(scenario, paymentId, refundId, "failed")).GetProperty("failure_code").GetString());
        Assert.Equal("refused", await App.ScalarAsync<string>("SELECT state FROM ach_entries WHERE refund_id = $1", queued)); // no file takes it
        Assert.Equal("collection 1500.00, return -1500.00", await PayoutItemsAsync(paymentId));
    }

    [Fact]
    public async Task A_refund_credit_on_its_way_at_a_late_return_still_completes_and_the_landlord_bears_both()
    {
        var (scenario, paymentId, trace) = await CompletedPaymentAsync();
        var refundId = await WriteRefundAsync(paymentId, scenario.Landlord.Id, 500.00m, Held.InFile);

        var applied = await HandInReturnAsync(trace, "R10");
        Assert.Equal([paymentId], applied.GetProperty("returned_after_refund").EnumerateArray().Select(p => p.GetGuid())); // 500.00 twice: to contest
        await scenario.WaitForStatusAsync(paymentId, "returned");
        Assert.Equal("processing", (await RefundTests.WaitForRefundAsync(scenario, paymentId, refundId, "processing")).GetProperty("status").GetString());

        // Its return window closes with no return: the worker completes it, on a payment returned meanwhile.
        await App.ScalarAsync<int>("UPDATE ach_entries SET settlement_date = '2001-02-05' WHERE refund_id = $1 RETURNING 1", refundId);
        await RefundTests.WaitForRefundAsync(scenario, paymentId, refundId, "completed");
        var payment = await scenario.WaitForStatusAsync(paymentId, "returned");
        Assert.Equal(500.00m, payment.GetProperty("refunded_amount").GetDecimal());
        Assert.Equal("payment_refunded_after_return returned>returned", PaymentScenario.Steps(await scenario.HistoryAsync(paymentId))[^1].Split(" ", 2)[1]);
        Assert.Equal("collection 1500.00, refund -500.00, return -1500.00", await PayoutItemsAsync(paymentId));
    }

    [Fact]
    public async Task A_refund_credit_returned_after_it_completed_is_given_back_to_the_landlord_and_the_payment_refunded_no_more()
    {
        var (scenario, paymentId, _) = await CompletedPaymentAsync();
        var refundId = (await (await RefundTests.PostRefundAsync(App, scenario.Landlord, paymentId, new { reason = "moved out" }))
            .ReadJsonAsync(HttpStatusCode.Created)).Id();
        await RefundTests.WaitForRefundAsync(scenario, paymentId, refundId, "completed");
        await scenario.WaitForStatusAsync(paymentId, "refunded");
        var creditTrace = await App.ScalarAsync<string>("SELECT trace_number FROM ach_entries WHERE refund_id = $1", refundId);

        // The renter's account closed after the credit settled; their bank sends it back late.
        var admin = await App.Admin.Value;
        var file = AchFileTests.ReturnFile(Origin(), 21, 150000, (creditTrace!, "R02"));
        var applied = await (await AchFileTests.HandInAsync(App, admin, HandBuilt.Lf(file))).ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal([refundId], applied.GetProperty("refunds_returned_after_completion").EnumerateArray().Select(r => r.GetGuid()));

        var refund = await RefundTests.WaitForRefundAsync(scenario, paymentId, refundId, "returned");
        Assert.Equal("R02", refund.GetProperty("failure_code").GetString());
        var payment = await scenario.WaitForStatusAsync(paymentId, "completed");
        Assert.Equal(0m, payment.GetProperty("refunded_amount").GetDecimal());
        Assert.Equal("payment_refund_returned refunded>completed", PaymentScenario.Steps(await scenario.HistoryAsync(paymentId))[^1].Split(" ", 2)[1]);
        Assert.Equal("collection 1500.00, refund -1500.00, refund_returned 1500.00", await PayoutItemsAsync(paymentId));
        Assert.Equal(1500.00m, await App.ScalarAsync<decimal>(
            "SELECT sum(amount) FROM ledger_entries WHERE source_type = 'refund_return' AND source_id = $1 AND ledger_account_id = $2",
            refundId, LedgerAccount.SettlementId));
        // Refunded no more, it can be refunded again (to an account that takes it).
        await (await RefundTests.PostRefundAsync(App, scenario.Landlord, paymentId, new { amount = 10.00m })).ReadJsonAsync(HttpStatusCode.Created);
    }

    private enum Held { Pending, Queued, InFile }

    private async Task<(PaymentScenario Scenario, Guid PaymentId, string Trace)> CompletedPaymentAsync()
    {
        var scenario = await PaymentScenario.StartAsync(App);
        var paymentId = await scenario.PayAsync();
        var trace = (await scenario.WaitForStatusAsync(paymentId, "completed")).GetProperty("trace_number").GetString()!;
        return (scenario, paymentId, trace);
    }

    /// <summary>
    /// A refund the worker holds: pending (its message not handled yet), a credit queued for a cutoff in 2150, or a credit
    /// in the payment's own (acknowledged) file that settles then: the tests' banking calendar passes some 500 banking days
    /// a minute from the AppHost's start, far from that.
    /// </summary>
    private async Task<Guid> WriteRefundAsync(Guid paymentId, Guid landlordId, decimal amount, Held held)
    {
        await using var db = new DirectPayDb(new DbContextOptionsBuilder<DirectPayDb>().UseDirectPay(App.DatabaseConnectionString, TimeProvider.System).Options);
        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId);
        var now = DateTimeOffset.UtcNow;
        var refund = new Refund(Guid.CreateVersion7(), payment, amount, PaymentRail.StandardAch, "test", landlordId, null, now);
        db.Refunds.Add(refund);
        if (held != Held.Pending)
        {
            refund.StartProcessing(null, now);
            var later = new DateOnly(2150, 6, 1);
            var entry = AchEntry.ForRefund(refund, payment.PayerAccountId,
                new AchWindow(new DateTimeOffset(2150, 5, 29, 20, 0, 0, TimeSpan.Zero), later, later, SameDay: false), now);
            if (held == Held.InFile) entry.PutInFile(payment.AchFileId!.Value, 1, $"9{Random.Shared.NextInt64(10_000_000_000_000, 100_000_000_000_000)}");
            db.AchEntries.Add(entry);
        }
        await db.SaveChangesAsync();
        // Its message "not handled yet" for good: the re-drive of pending refunds looks only at ones older than a few seconds.
        if (held == Held.Pending) await App.ScalarAsync<int>("UPDATE refunds SET updated_at = now() + interval '1 day' WHERE id = $1 RETURNING 1", refund.Id);
        return refund.Id;
    }

    private async Task<System.Text.Json.JsonElement> HandInReturnAsync(string trace, string code)
    {
        var admin = await App.Admin.Value;
        return await (await AchFileTests.HandInAsync(App, admin, HandBuilt.Lf(AchFileTests.ReturnFile(Origin(), (trace, code)))))
            .ReadJsonAsync(HttpStatusCode.Created);
    }

    private static string Origin() => Random.Shared.NextInt64(1_000_000_000, 10_000_000_000).ToString();

    private Task<string?> PayoutItemsAsync(Guid paymentId) => App.ScalarAsync<string>(
        "SELECT string_agg(kind || ' ' || amount, ', ' ORDER BY kind) FROM payout_items WHERE payment_id = $1", paymentId);
}
