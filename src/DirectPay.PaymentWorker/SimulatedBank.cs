using DirectPay.Data;
using DirectPay.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DirectPay.PaymentWorker;

/// <summary>
/// The banks behind the rails, simulated like a bank sandbox. Answer times are the rail's, times the time scale.
/// The bank keeps a balance per account (simulated_bank_accounts; a new account opens with PaymentWorker:OpeningBalance)
/// and refuses with R01 when the payer's balance is short. Deterministic outcomes by the payer account's last four
/// digits come first (README, "Test accounts"): 0001 → R01 insufficient funds (every attempt), 0011 → R01 on the first
/// attempt only, 0002 → R02 account closed, 0003 → R03 no account. Instant and wire payments are final. ACH payments go
/// to the bank service in files; only those started before that (processing when it was deployed) still settle here,
/// and from 0021, 0022 and 0023 are returned (R01, R02, R03) after PaymentWorker:ReturnAfter.
/// </summary>
public sealed class SimulatedBank(IOptions<PaymentWorkerOptions> options)
{
    public TimeSpan AnswerDelay(PaymentRail rail)
    {
        var terms = Rails.Of(rail);
        var real = terms.FastestAnswer + (terms.SlowestAnswer - terms.FastestAnswer) * Random.Shared.NextDouble();
        return real * options.Value.TimeScale;
    }

    /// <summary>
    /// Moves <paramref name="amount"/> from one account to another at the bank (in the caller's transaction), or says why not.
    /// <paramref name="attempt"/> counts earlier tries (a payment's retries), for the magic answers.
    /// </summary>
    public async Task<BankFailure?> TransferAsync(DirectPayDb db, Guid from, string fromLast4, Guid to, decimal amount, int attempt,
        Guid reference, DateTimeOffset now, CancellationToken ct)
    {
        if (await DebitAsync(db, from, fromLast4, amount, attempt, now, ct) is { } refusal) return refusal;
        await CreditAsync(db, from, to, amount, reference, now, ct);
        return null;
    }

    /// <summary>The payer's side of a transfer: refused (magic answer, short balance), or the balance goes down.</summary>
    public async Task<BankFailure?> DebitAsync(DirectPayDb db, Guid from, string fromLast4, decimal amount, int attempt,
        DateTimeOffset now, CancellationToken ct)
    {
        if (MagicAnswer(fromLast4, attempt) is { } refusal) return refusal;
        var opening = options.Value.OpeningBalance;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO simulated_bank_accounts (bank_account_id, balance, updated_at) VALUES ({from}, {opening}, {now})
            ON CONFLICT DO NOTHING
            """, ct);
        var debited = await db.SimulatedBankAccounts.Where(a => a.BankAccountId == from && a.Balance >= amount)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.Balance, a => a.Balance - amount).SetProperty(a => a.UpdatedAt, now), ct);
        return debited == 0 ? BankFailure.InsufficientFunds : null;
    }

    /// <summary>
    /// The payee's side, after a debit: one upsert, as a landlord's account is credited by many payments at once and its row
    /// stays locked until the caller commits (so callers credit last, just before their commit).
    /// </summary>
    public async Task CreditAsync(DirectPayDb db, Guid from, Guid to, decimal amount, Guid reference, DateTimeOffset now, CancellationToken ct)
    {
        var opening = options.Value.OpeningBalance;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO simulated_bank_accounts AS a (bank_account_id, balance, updated_at) VALUES ({to}, {opening + amount}, {now})
            ON CONFLICT (bank_account_id) DO UPDATE SET balance = a.balance + {amount}, updated_at = {now}
            """, ct);
        WriteStatementLines(db, from, to, amount, reference, now);
    }

    /// <summary>What both accounts' statements show for a movement: a debit on one, a credit on the other, with DirectPay's reference.</summary>
    private static void WriteStatementLines(DirectPayDb db, Guid from, Guid to, decimal amount, Guid reference, DateTimeOffset now)
    {
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        db.BankStatements.Add(new BankStatementLine(Guid.CreateVersion7(), from, day, amount, MoneyDirection.Debit, reference.ToString(), StatementSource.SimulatedBank));
        db.BankStatements.Add(new BankStatementLine(Guid.CreateVersion7(), to, day, amount, MoneyDirection.Credit, reference.ToString(), StatementSource.SimulatedBank));
    }

    /// <summary>After a settled payment: the return the payer's bank will send later, if it will.</summary>
    public SimulatedBankReturn? LaterReturn(Payment payment, string payerLast4, DateTimeOffset now)
    {
        var code = payerLast4 switch { "0021" => "R01", "0022" => "R02", "0023" => "R03", _ => null };
        return code is not null && payment.CanBeReturned
            ? new SimulatedBankReturn(payment.Id, code, now + options.Value.ReturnAfter * options.Value.TimeScale)
            : null;
    }

    /// <summary>A return moves the money back at the bank, overdrawing the payee if need be.</summary>
    public static async Task ReverseAsync(DirectPayDb db, Payment payment, DateTimeOffset now, CancellationToken ct)
    {
        var amount = payment.Amount;
        await db.SimulatedBankAccounts.Where(a => a.BankAccountId == payment.PayeeAccountId)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.Balance, a => a.Balance - amount).SetProperty(a => a.UpdatedAt, now), ct);
        await db.SimulatedBankAccounts.Where(a => a.BankAccountId == payment.PayerAccountId)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.Balance, a => a.Balance + amount).SetProperty(a => a.UpdatedAt, now), ct);
        WriteStatementLines(db, payment.PayeeAccountId, payment.PayerAccountId, amount, payment.Id, now);
    }

    private static BankFailure? MagicAnswer(string payerLast4, int retryCount) => payerLast4 switch
    {
        "0001" => BankFailure.InsufficientFunds,
        "0011" when retryCount == 0 => BankFailure.InsufficientFunds,
        "0002" => BankFailure.AccountClosed,
        "0003" => BankFailure.NoAccount,
        _ => null,
    };
}
