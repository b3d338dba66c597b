namespace DirectPay.Domain;

/// <summary>A movement DirectPay's books say happened at the bank: one ledger entry on a bank account's ledger account.</summary>
public sealed record BookedMovement(long LedgerEntryId, Guid BankAccountId, MoneyDirection Direction, decimal Amount, string Reference, DateOnly Date);

/// <summary>Matches the books against the bank statements: by bank reference first, then by amount within a few days.</summary>
public static class Reconciler
{
    public const int DateWindowDays = 3;

    public static List<ReconciliationItem> Match(Guid runId, IReadOnlyList<BookedMovement> booked, IReadOnlyList<BankStatementLine> lines)
    {
        var items = new List<ReconciliationItem>();
        var taken = new HashSet<Guid>();
        var byReference = lines.ToLookup(l => (l.BankAccountId, l.BankReference, l.Direction));
        var unreferenced = new List<BookedMovement>();

        foreach (var movement in booked)
        {
            var line = byReference[(movement.BankAccountId, movement.Reference, movement.Direction)].FirstOrDefault(l => !taken.Contains(l.Id));
            if (line is null)
            {
                unreferenced.Add(movement);
                continue;
            }
            taken.Add(line.Id);
            items.Add(Item(runId, line.Amount == movement.Amount ? ReconciliationOutcome.Matched : ReconciliationOutcome.AmountMismatch, movement, line));
        }

        foreach (var movement in unreferenced)
        {
            var line = lines.FirstOrDefault(l => !taken.Contains(l.Id) && l.BankAccountId == movement.BankAccountId
                && l.Direction == movement.Direction && l.Amount == movement.Amount
                && Math.Abs(l.ValueDate.DayNumber - movement.Date.DayNumber) <= DateWindowDays);
            if (line is not null) taken.Add(line.Id);
            items.Add(Item(runId, line is null ? ReconciliationOutcome.MissingFromStatement : ReconciliationOutcome.Matched, movement, line));
        }

        items.AddRange(lines.Where(l => !taken.Contains(l.Id)).Select(l => new ReconciliationItem(runId,
            ReconciliationOutcome.UnmatchedStatementLine, l.BankAccountId, l.Direction, l.BankReference, null, null, l.Id, l.Amount)));
        return items;
    }

    private static ReconciliationItem Item(Guid runId, ReconciliationOutcome outcome, BookedMovement movement, BankStatementLine? line) =>
        new(runId, outcome, movement.BankAccountId, movement.Direction, movement.Reference, movement.LedgerEntryId, movement.Amount,
            line?.Id, line?.Amount);
}
