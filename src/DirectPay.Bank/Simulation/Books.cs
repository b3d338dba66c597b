using DirectPay.Bank.Data;
using DirectPay.Banking;
using DirectPay.Banking.Nacha;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.Bank.Simulation;

/// <summary>
/// Money moving at the bank, in one round's transaction: an entry's settlement between the receiver's account and
/// DirectPay's settlement account, and a return's reversal. Each movement is a posting on the account's statement.
/// </summary>
public sealed class Books(BankDb db, BankOptions bank, DateTimeOffset now)
{
    public const decimal OpeningBalance = 100_000.00m;

    public async Task<Account> AccountAsync(string routing, string number, CancellationToken ct)
    {
        var account = await db.Accounts.FindAsync([routing, number], ct);
        if (account is not null) return account;
        var settlement = routing == bank.Routing && number == bank.Customer.SettlementAccount;
        account = new Account { RoutingNumber = routing, AccountNumber = number, Balance = settlement ? 0m : OpeningBalance, OpenedAt = now };
        db.Accounts.Add(account);
        return account;
    }

    /// <summary>A debit brings the money into the settlement account, a credit takes it out; the receiver's side only if it posted.</summary>
    public async Task SettleAsync(ReceivedEntry entry, Account receiver, bool posted, CancellationToken ct)
    {
        var debit = TransactionCodes.IsDebit(entry.TransactionCode);
        if (debit && !TransactionCodes.CarriesNoAmount(entry.TransactionCode)) receiver.DebitsReceived++;
        entry.Status = EntryStatus.Settled;
        entry.PostedToReceiver = posted;
        if (entry.Amount == 0) return;
        var settlement = await SettlementAccountAsync(ct);
        Post(settlement, debit ? entry.Amount : -entry.Amount, entry.SettlementDate, entry.TraceNumber, $"ACH {(debit ? "debit" : "credit")} {entry.EntryDescription}");
        if (posted) Post(receiver, debit ? -entry.Amount : entry.Amount, entry.SettlementDate, entry.TraceNumber, $"{entry.CompanyName} {entry.EntryDescription}");
    }

    /// <summary>A return undoes the settlement: the settlement account gives back what it took (or takes back what it paid).</summary>
    public async Task ReturnAsync(ReceivedEntry entry, string code, DateTimeOffset returnedAt, CancellationToken ct)
    {
        entry.Status = EntryStatus.Returned;
        if (entry.Amount == 0) return;
        var debit = TransactionCodes.IsDebit(entry.TransactionCode);
        var today = FedCalendar.DateInNewYork(returnedAt);
        Post(await SettlementAccountAsync(ct), debit ? -entry.Amount : entry.Amount, today, entry.TraceNumber, $"ACH return {code}");
        if (entry.PostedToReceiver)
            Post(await AccountAsync(entry.RoutingNumber, entry.AccountNumber, ct), debit ? entry.Amount : -entry.Amount, today, entry.TraceNumber, $"Returned {code}");
    }

    /// <summary>A transfer between two accounts: out of the debtor's, into the creditor's, both posted with its reference.</summary>
    public void Transfer(Account debtor, Account creditor, decimal amount, DateOnly bookedOn, string reference, string description)
    {
        Post(debtor, -amount, bookedOn, reference, description);
        Post(creditor, amount, bookedOn, reference, description);
    }

    /// <summary>A posting carried over from DirectPay's own simulator, under the id it had there.</summary>
    public void Import(Account account, Guid id, decimal amount, DateOnly bookedOn, string reference) =>
        Post(account, amount, bookedOn, reference, "Carried over from DirectPay's simulator", id);

    private Task<Account> SettlementAccountAsync(CancellationToken ct) => AccountAsync(bank.Routing, bank.Customer.SettlementAccount, ct);

    private void Post(Account account, decimal amount, DateOnly bookedOn, string reference, string description, Guid? id = null)
    {
        account.Balance += amount;
        db.Postings.Add(new Posting
        {
            Id = id ?? Guid.CreateVersion7(), RoutingNumber = account.RoutingNumber, AccountNumber = account.AccountNumber, Amount = amount,
            BookedOn = bookedOn, Reference = reference, Description = description, PostedAt = now,
        });
    }
}
