using System.Net;
using System.Net.Http.Json;
using DirectPay.AppHost;
using DirectPay.Banking;
using DirectPay.Banking.Connection;
using DirectPay.Banking.Nacha;
using DirectPay.Tests.Banking;
using DirectPay.Tests.EndToEnd;
using Books = DirectPay.Bank.Simulation.Books;

namespace DirectPay.Tests.Bank;

/// <summary>
/// The simulated bank settles what it takes on its (compressed) calendar and answers as the receiving banks would, by
/// the test accounts' rules, in return and notification-of-change files any NACHA reader takes; money moves through
/// DirectPay's settlement account.
/// </summary>
[Collection(AppCollection.Name)]
public class BankProcessingTests(DirectPayApp app) : EndToEndTest(app)
{
    /// <summary>An account number of this test's own, ending in the rule's four digits.</summary>
    private static string Account(string last4) => $"{Random.Shared.Next(10_000_000, 99_999_999)}{last4}";

    [Fact]
    public async Task Entries_settle_and_the_receiving_banks_answer_returns_and_changes_in_files_any_reader_takes()
    {
        var (insufficient, corrected, ordinary, closed, payee) = (Account("0001"), Account("0023"), Account("5678"), Account("0002"), Account("4321"));
        OutgoingEntry[] entries =
        [
            NachaWriterTests.RentDebit(100.00m) with { AccountNumber = insufficient },
            NachaWriterTests.RentDebit(200.00m) with { AccountNumber = corrected },
            NachaWriterTests.RentDebit(300.00m) with { AccountNumber = ordinary },
            NachaWriterTests.Payout(50.00m) with { AccountNumber = closed },
            NachaWriterTests.Payout(70.00m) with { AccountNumber = payee },
        ];
        var file = BankTestFiles.Build(entries);
        var trace = entries.Select((e, i) => (e.AccountNumber, file.TraceNumbers[i])).ToDictionary(x => x.AccountNumber, x => x.Item2);
        var bank = new BankHttpConnection(App.BankHttp());

        var ack = await bank.SubmitAchFileAsync(file.Bytes, CancellationToken.None);

        // Stale effective dates (the file's are long past on the banking clock) settle at the next settlement after receipt.
        Assert.All(ack.Settlements, s => Assert.True(s.SettlementDate >= FedCalendar.DateInNewYork(ack.ReceivedAt), $"{s} before {ack.ReceivedAt:O}"));
        var replies = new Dictionary<string, NachaEntry>(); // by original trace, of this test's own accounts only
        await Eventually.TrueAsync(async () =>
        {
            var list = await bank.ListFilesAsync(ack.ReceivedAt, CancellationToken.None);
            foreach (var listing in list.Files)
                foreach (var reply in NachaReader.Read(await bank.GetFileAsync(listing.Id, CancellationToken.None)).Entries
                             .Where(r => trace.ContainsKey(r.AccountNumber)))
                    replies[(reply.Return?.OriginalTraceNumber ?? reply.Change!.OriginalTraceNumber)] = reply;
            return new[] { insufficient, corrected, closed }.All(a => replies.ContainsKey(trace[a]));
        }, "The bank never answered the entries its rules refuse or correct.");

        Assert.Equal(("R01", 26, 100.00m, insufficient), Answer(replies[trace[insufficient]]));
        Assert.Equal(("R02", 31, 50.00m, closed), Answer(replies[trace[closed]])); // a savings credit comes back as 31
        var change = replies[trace[corrected]];
        Assert.Equal(("C01", 0m, corrected[..^4] + "0024"), (change.Change!.ChangeCode, change.Amount, NocCorrection.Read("C01", change.Change.CorrectedData, out _)!.AccountNumber));
        Assert.False(replies.ContainsKey(trace[ordinary]) || replies.ContainsKey(trace[payee]), "An ordinary account was answered.");

        // Through the settlement account: 600.00 collected, 120.00 paid out, the returned debit given back and the returned credit recovered.
        Assert.Equal(600.00m - 120.00m - 100.00m + 50.00m, await SettlementMovementAsync(ack.FileId));
        Assert.Equal(Books.OpeningBalance - 200.00m, await BalanceAsync(corrected)); // a correction still posts
        Assert.Equal(Books.OpeningBalance, await BalanceAsync(insufficient)); // a returned debit never posted
    }

    [Fact]
    public async Task A_balance_set_in_the_sandbox_too_low_for_a_debit_answers_R01()
    {
        var account = Account("5678");
        using var http = App.BankHttp();
        using var set = await http.PutAsJsonAsync("sandbox/balances", new { routing_number = "231380104", account_number = account, balance = 50.00m });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var file = BankTestFiles.Build([NachaWriterTests.RentDebit(300.00m) with { AccountNumber = account }]);
        var bank = new BankHttpConnection(http);

        var ack = await bank.SubmitAchFileAsync(file.Bytes, CancellationToken.None);

        NachaEntry? reply = null;
        await Eventually.TrueAsync(async () =>
        {
            foreach (var listing in (await bank.ListFilesAsync(ack.ReceivedAt, CancellationToken.None)).Files)
                reply ??= NachaReader.Read(await bank.GetFileAsync(listing.Id, CancellationToken.None)).Entries
                    .FirstOrDefault(e => e.AccountNumber == account && e.Return?.OriginalTraceNumber == file.TraceNumbers[0]);
            return reply is not null;
        }, "The debit beyond the balance was never returned.");
        Assert.Equal("R01", reply!.Return!.ReturnCode);
        Assert.Equal(50.00m, await BalanceAsync(account));
    }

    [Theory]
    [InlineData("231380105", "12345678", "50.00", "routing_number")]
    [InlineData("231380104", "12AB", "50.00", "account_number")]
    [InlineData("231380104", "12345678", "-1", "balance")]
    [InlineData("231380104", "12345678", "1.001", "balance")]
    [InlineData("231380104", "12345678", "100000000.00", "balance")]
    [InlineData(BankAgreement.BankRouting, BankAgreement.SettlementAccount, "5.00", "account_number")]
    public async Task The_sandbox_refuses_what_no_account_can_hold(string routing, string account, string balance, string field)
    {
        using var http = App.BankHttp();

        using var response = await http.PutAsync("sandbox/balances", new StringContent(
            $"{{\"routing_number\": \"{routing}\", \"account_number\": \"{account}\", \"balance\": {balance}}}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(field, (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("field").GetString());
    }

    private static (string Code, int TransactionCode, decimal Amount, string Account) Answer(NachaEntry reply) =>
        (reply.Return!.ReturnCode, reply.TransactionCode, reply.Amount, reply.AccountNumber);

    /// <summary>What the settlement account's postings of this file's entries add up to (traces joined through the file: they repeat across files).</summary>
    private async Task<decimal> SettlementMovementAsync(Guid bankFileId)
    {
        await using var sum = App.BankDatabase.CreateCommand(
            "SELECT coalesce(sum(amount), 0) FROM postings WHERE account_number = $1 AND reference IN (SELECT trace_number FROM received_entries WHERE file_id = $2)");
        sum.Parameters.AddWithValue(BankAgreement.SettlementAccount);
        sum.Parameters.AddWithValue(bankFileId);
        return (decimal)(await sum.ExecuteScalarAsync())!;
    }

    private async Task<decimal> BalanceAsync(string account)
    {
        await using var balance = App.BankDatabase.CreateCommand("SELECT balance FROM accounts WHERE account_number = $1");
        balance.Parameters.AddWithValue(account);
        return (decimal)(await balance.ExecuteScalarAsync())!;
    }
}
