namespace DirectPay.Domain;

public enum MoneyDirection { Credit, Debit }

/// <summary>Where a statement line came from: the bank's answer to a transfer order, or a statement imported by an admin.</summary>
public enum StatementSource { Bank, Imported }

/// <summary>One line of a bank statement (the seed's bank statements table): money in or out of an account at the bank.</summary>
public sealed class BankStatementLine
{
    private BankStatementLine() { }

    public BankStatementLine(Guid id, Guid bankAccountId, DateOnly valueDate, decimal amount, MoneyDirection direction, string bankReference,
        StatementSource source)
    {
        Id = id;
        BankAccountId = bankAccountId;
        ValueDate = valueDate;
        Amount = Money.Normalize(amount);
        Direction = direction;
        BankReference = bankReference;
        Source = source;
    }

    public Guid Id { get; private set; }
    public Guid BankAccountId { get; private set; }
    public DateOnly ValueDate { get; private set; }
    public decimal Amount { get; private set; }
    public MoneyDirection Direction { get; private set; }
    /// <summary>The reference DirectPay gave the bank: the payment's or the refund's id.</summary>
    public string BankReference { get; private set; } = "";
    public StatementSource Source { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}

public enum ReconciliationRunStatus { Requested, Running, Completed }

public enum ReconciliationOutcome { Matched, UnmatchedStatementLine, MissingFromStatement, AmountMismatch }

/// <summary>
/// One pass of matching the books (bank-account ledger entries) against the bank statements, and of a banking day's
/// movements on DirectPay's settlement account against what the bank booked.
/// </summary>
public sealed class ReconciliationRun
{
    private ReconciliationRun() { }

    private ReconciliationRun(Guid id, string trigger)
    {
        Id = id;
        Trigger = trigger;
        Status = ReconciliationRunStatus.Requested;
    }

    /// <summary>A run an admin asked for: as many as they like, checking a settlement day of their choice (the latest final one unless named).</summary>
    public static ReconciliationRun OnDemand(Guid id, DateOnly? settlementDate = null) => new(id, "on_demand") { AskedSettlementDate = settlementDate };

    /// <summary>The start (UTC, a whole number of <paramref name="every"/> since 0001-01-01) of the period holding <paramref name="now"/>.</summary>
    public static DateTimeOffset PeriodOf(DateTimeOffset now, TimeSpan every) => new(now.UtcTicks - now.UtcTicks % every.Ticks, TimeSpan.Zero);

    public Guid Id { get; private set; }
    /// <summary>"on_demand" (an admin asked) or "scheduled".</summary>
    public string Trigger { get; private set; } = "";
    /// <summary>A scheduled run's period: however many workers ask, the database keeps one run per period.</summary>
    public DateTimeOffset? ScheduledFor { get; private set; }
    public ReconciliationRunStatus Status { get; private set; }
    public int Matched { get; private set; }
    public int UnmatchedStatementLines { get; private set; }
    public int MissingFromStatement { get; private set; }
    public int AmountMismatches { get; private set; }
    /// <summary>The settlement day an admin named for this run.</summary>
    public DateOnly? AskedSettlementDate { get; private set; }
    /// <summary>The banking date whose settlement-account movements were checked against the bank's; none when no day was final.</summary>
    public DateOnly? SettlementDate { get; private set; }
    /// <summary>What DirectPay's ACH entries say came into and went out of the settlement account that day.</summary>
    public decimal? ExpectedIn { get; private set; }
    public decimal? ExpectedOut { get; private set; }
    /// <summary>What the bank booked in and out that day, and its closing balance.</summary>
    public decimal? BankIn { get; private set; }
    public decimal? BankOut { get; private set; }
    public decimal? BankClosingBalance { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>False when the bank's day differs from what DirectPay sent and received; null when no day was checked.</summary>
    public bool? SettlementAgrees => SettlementDate is null ? null : ExpectedIn == BankIn && ExpectedOut == BankOut;

    public void Start() => Status = ReconciliationRunStatus.Running;

    public void CheckSettlement(DateOnly date, decimal expectedIn, decimal expectedOut, decimal bankIn, decimal bankOut, decimal bankClosing)
    {
        SettlementDate = date;
        (ExpectedIn, ExpectedOut, BankIn, BankOut, BankClosingBalance) = (expectedIn, expectedOut, bankIn, bankOut, bankClosing);
    }

    public void Complete(IReadOnlyCollection<ReconciliationItem> items, DateTimeOffset now)
    {
        Matched = items.Count(i => i.Outcome == ReconciliationOutcome.Matched);
        UnmatchedStatementLines = items.Count(i => i.Outcome == ReconciliationOutcome.UnmatchedStatementLine);
        MissingFromStatement = items.Count(i => i.Outcome == ReconciliationOutcome.MissingFromStatement);
        AmountMismatches = items.Count(i => i.Outcome == ReconciliationOutcome.AmountMismatch);
        Status = ReconciliationRunStatus.Completed;
        CompletedAt = now;
    }
}

/// <summary>What a run found for one ledger entry, one statement line, or a pair of them.</summary>
public sealed class ReconciliationItem
{
    private ReconciliationItem() { }

    public ReconciliationItem(Guid runId, ReconciliationOutcome outcome, Guid bankAccountId, MoneyDirection direction, string reference,
        long? ledgerEntryId, decimal? bookedAmount, Guid? statementLineId, decimal? statementAmount)
    {
        RunId = runId;
        Outcome = outcome;
        BankAccountId = bankAccountId;
        Direction = direction;
        Reference = reference;
        LedgerEntryId = ledgerEntryId;
        BookedAmount = bookedAmount;
        StatementLineId = statementLineId;
        StatementAmount = statementAmount;
    }

    public long Id { get; private set; }
    public Guid RunId { get; private set; }
    public ReconciliationOutcome Outcome { get; private set; }
    public Guid BankAccountId { get; private set; }
    public MoneyDirection Direction { get; private set; }
    public string Reference { get; private set; } = "";
    public long? LedgerEntryId { get; private set; }
    public decimal? BookedAmount { get; private set; }
    public Guid? StatementLineId { get; private set; }
    public decimal? StatementAmount { get; private set; }
}
