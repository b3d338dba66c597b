using DirectPay.Banking.Connection;
using DirectPay.Data;
using DirectPay.Domain;
using DirectPay.Vault;
using Microsoft.EntityFrameworkCore;

namespace DirectPay.PaymentWorker;

/// <summary>
/// Instant and wire payments and refunds as transfer orders at the bank (and the ACH ones the worker's own simulator
/// answered before ACH went in files): one order per attempt, asked after by its id and sent only when the bank does
/// not hold it, so a lost answer or a second replica never moves the money twice.
/// </summary>
public sealed class BankTransfers(IBankConnection bank, VaultProtector vault)
{
    /// <summary>A payment's order id: its id, and the attempt after a retry (the bank holds one transfer per id, ever).</summary>
    public static string OrderId(Guid id, int attempt = 0) => attempt == 0 ? id.ToString("N") : $"{id:N}-{attempt}";

    /// <summary>
    /// Where the transfer stands at the bank, sending the order first if the bank does not hold it; null when an
    /// account's number cannot be opened from the vault, so no order can be written. The caller has claimed the
    /// attempt (<c>ClaimAsync</c>), so no other replica sends an order for it meanwhile.
    /// </summary>
    /// <exception cref="BankRefusedException">The bank will not take the order.</exception>
    public async Task<TransferStatus?> AskAsync(DirectPayDb db, string id, PaymentRail rail, Guid from, Guid to, decimal amount,
        Guid reference, CancellationToken ct)
    {
        if (await bank.GetTransferAsync(id, ct) is { } held) return held;
        var accounts = await db.BankAccounts.AsNoTracking().Where(a => a.Id == from || a.Id == to).ToDictionaryAsync(a => a.Id, ct);
        var numbers = await db.BankAccountNumbers.AsNoTracking().Where(n => n.BankAccountId == from || n.BankAccountId == to)
            .ToDictionaryAsync(n => n.BankAccountId, ct);
        TransferParty Party(Guid accountId) => new(accounts[accountId].RoutingNumber,
            numbers.TryGetValue(accountId, out var kept) ? kept.Open(vault) : throw new VaultException("no number on file"));
        TransferOrder order;
        try
        {
            order = new TransferOrder(id, SnakeCaseEnum<PaymentRail>.ToText[rail], Party(from), Party(to), amount, reference.ToString());
        }
        catch (VaultException)
        {
            return null;
        }
        try
        {
            return await bank.SendTransferAsync(order, ct);
        }
        catch (BankRefusedException conflict) when (conflict.Status == StatusCodes.Status409Conflict)
        {
            // The bank holds an order under this id already (sent at the same time, or before a number changed): it stands.
            if (await bank.GetTransferAsync(id, ct) is { } standing) return standing;
            throw;
        }
    }

    /// <summary>
    /// Takes a due payment or refund for one round of asking the bank, if it is still due, processing and (for a
    /// payment) at the same attempt: its due time moves on, so another replica (or this one, on a stale read) does not
    /// send an order for an attempt that has ended since. A replica that dies holding it leaves it due again after the claim.
    /// </summary>
    public static async Task<bool> ClaimAsync(DirectPayDb db, Payment payment, DateTimeOffset now, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"""
            UPDATE payments SET bank_answer_due_at = {now + ClaimFor}
            WHERE id = {payment.Id} AND status = 'processing' AND retry_count = {payment.RetryCount} AND bank_answer_due_at <= {now}
            """, ct) == 1;

    /// <inheritdoc cref="ClaimAsync(DirectPayDb, Payment, DateTimeOffset, CancellationToken)"/>
    public static async Task<bool> ClaimAsync(DirectPayDb db, Refund refund, DateTimeOffset now, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"""
            UPDATE refunds SET bank_answer_due_at = {now + ClaimFor} WHERE id = {refund.Id} AND status = 'processing' AND bank_answer_due_at <= {now}
            """, ct) == 1;

    /// <summary>Longer than an ask takes, with the HTTP client's retries; short enough that a dead replica's claim soon lapses.</summary>
    private static readonly TimeSpan ClaimFor = TimeSpan.FromSeconds(10);

    /// <summary>What the bank's answer shows on the two accounts' statements: a debit on one, a credit on the other, with DirectPay's reference.</summary>
    public static void RecordStatementLines(DirectPayDb db, TransferStatus settled, Guid from, Guid to, decimal amount, Guid reference)
    {
        var day = settled.BookedOn ?? throw new InvalidOperationException($"Transfer {settled.Id} settled with no booking date.");
        db.BankStatements.Add(new BankStatementLine(Guid.CreateVersion7(), from, day, amount, MoneyDirection.Debit, reference.ToString(), StatementSource.Bank));
        db.BankStatements.Add(new BankStatementLine(Guid.CreateVersion7(), to, day, amount, MoneyDirection.Credit, reference.ToString(), StatementSource.Bank));
    }
}
