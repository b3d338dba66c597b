namespace DirectPay;

/// <summary>
/// How many PostgreSQL connections each service's pool may open, and the server's limit that holds them all: a burst on
/// one service waits for its own pool instead of taking the server's last slots and failing another with "too many clients".
/// </summary>
public static class ConnectionBudget
{
    public const int Api = 50;
    /// <summary>
    /// Per replica: the stream's handlers and the settlements (8 each) and a dozen loops may each hold one at once; the
    /// rest is for the webhook sends' brief recordings (up to 32), which wait their turn when it is short.
    /// </summary>
    public const int PaymentWorker = 40;
    public const int Bank = 20;
    /// <summary>psql, benchmarks, tests and the servers' own background workers.</summary>
    private const int Others = 50;

    /// <summary>The server's max_connections for this many worker replicas.</summary>
    public static int Server(int workerReplicas) => Api + PaymentWorker * workerReplicas + Bank + Others;
}
