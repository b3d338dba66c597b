namespace DirectPay.PaymentWorker;

/// <summary>Settings of the payment worker (section "PaymentWorker").</summary>
public sealed class PaymentWorkerOptions
{
    /// <summary>Stable per replica where the platform gives one (a pod name); otherwise machine and process.</summary>
    public string ConsumerName { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";
    /// <summary>An entry delivered and not acknowledged for this long belongs to a dead or stuck consumer: claim it.</summary>
    public TimeSpan ClaimIdleAfter { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan ClaimEvery { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>After this many deliveries an entry goes to the dead-letter stream.</summary>
    public int MaxDeliveries { get; set; } = 5;
    public int ReadBatchSize { get; set; } = 64;
    /// <summary>How many of a batch's messages, and of the settlements due, are handled at once (each in its own transaction).</summary>
    public int HandleConcurrency { get; set; } = 8;
    /// <summary>A payment or refund pending this long after its last message gets its message published again.</summary>
    public TimeSpan RedriveAfter { get; set; } = TimeSpan.FromMinutes(2);
    public TimeSpan RedriveEvery { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>
    /// A message published this long ago counts as lost even if the stream still holds older entries (one stuck pending,
    /// or a clock between api and Redis that disagrees): the redrive waits for a backlog, but not for ever.
    /// </summary>
    public TimeSpan RedriveBacklogAtMost { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>How often autopay and late fees look for periods to pay or charge.</summary>
    public TimeSpan RentSchedulersEvery { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>How often the stream is trimmed and expired rows purged (once per period across replicas).</summary>
    public TimeSpan HousekeepingEvery { get; set; } = TimeSpan.FromHours(1);
    /// <summary>How long an idle consumer waits for a nudge before it reads the stream anyway.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
