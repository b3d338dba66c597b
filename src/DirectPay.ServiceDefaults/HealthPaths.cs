namespace DirectPay;

public static class HealthPaths
{
    /// <summary>Ready: every health check passes (database and Redis reachable).</summary>
    public const string Health = "/health";
    /// <summary>Alive: the process answers.</summary>
    public const string Alive = "/alive";
}
