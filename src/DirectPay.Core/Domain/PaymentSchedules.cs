namespace DirectPay.Domain;

public enum ScheduleStatus { Active, Paused, Completed }

/// <summary>
/// The lease's monthly schedule at a glance: the oldest period not yet paid, when it is due and what is left of it, and
/// whether rent is being collected (active), held by the landlord (paused: no autopay, no late fees) or all paid (completed).
/// It is worked out from the lease's dues after every change to them.
/// </summary>
public sealed class PaymentSchedule
{
    private PaymentSchedule() { }

    internal PaymentSchedule(Guid id, Lease lease)
    {
        Id = id;
        LeaseId = lease.Id;
        Status = ScheduleStatus.Active;
        Refresh(lease);
    }

    public Guid Id { get; private set; }
    public Guid LeaseId { get; private set; }
    public DateOnly NextDueDate { get; private set; }
    public decimal AmountDue { get; private set; }
    public ScheduleStatus Status { get; private set; }
    /// <summary>The day collection was paused, while it is.</summary>
    public DateOnly? PausedOn { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Whether autopay pays and late fees are charged.</summary>
    public bool IsCollecting => Status == ScheduleStatus.Active;

    /// <summary>Works the schedule out again from the lease's dues (all of them loaded).</summary>
    public void Refresh(Lease lease)
    {
        var open = lease.Dues.Where(d => d.Outstanding > 0).GroupBy(d => d.Period).MinBy(g => g.Key);
        if (open is null)
        {
            NextDueDate = lease.Dues.Count == 0 ? lease.EndDate : lease.Dues.Max(d => d.DueDate);
            AmountDue = 0.00m;
            if (Status != ScheduleStatus.Paused) Status = ScheduleStatus.Completed; // paused stays paused until resumed
            return;
        }
        NextDueDate = open.Min(d => d.DueDate);
        AmountDue = Money.Normalize(open.Sum(d => d.Outstanding));
        if (Status == ScheduleStatus.Completed) Status = ScheduleStatus.Active; // a return re-opened a paid-up lease
    }

    /// <summary>Why the schedule cannot be paused or resumed now, or null when it can.</summary>
    public string? CannotChangeTo(ScheduleStatus status) =>
        Status == ScheduleStatus.Completed ? "The schedule is completed: everything is paid."
        : status == ScheduleStatus.Completed ? "A schedule completes by being paid, not by request."
        : null;

    internal void ChangeTo(ScheduleStatus status, DateOnly today)
    {
        if (CannotChangeTo(status) is { } reason) throw new InvalidOperationException(reason);
        if (status == ScheduleStatus.Paused && Status != ScheduleStatus.Paused) PausedOn = today;
        if (status == ScheduleStatus.Active) PausedOn = null;
        Status = status;
    }
}
