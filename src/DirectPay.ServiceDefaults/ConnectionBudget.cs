namespace DirectPay;

/// <summary>
/// How many PostgreSQL connections each service's pool may open, and the server's limit that holds them all: a burst on
/// one service waits for its own pool instead of taking the server's last slots and failing another with "too many clients".
/// </summary>
public static class ConnectionBudget
{
    public const int Api = 50;
    public const int PaymentWorker = 20;
    public const int Bank = 20;
    /// <summary>psql, benchmarks, tests and the servers' own background workers.</summary>
    private const int Others = 50;

    /// <summary>The server's max_connections for this many worker replicas.</summary>
    public static int Server(int workerReplicas) => Api + PaymentWorker * workerReplicas + Bank + Others;
}
