namespace DirectPay;

/// <summary>The names of the resources in the AppHost, shared by the services and the tests.</summary>
public static class ResourceNames
{
    public const string Postgres = "postgres";
    public const string Database = "directpaydb";
    public const string Redis = "redis";
    public const string Api = "api";
    public const string PaymentWorker = "paymentworker";
    /// <summary>The simulated bank, and its own database on the same postgres server.</summary>
    public const string Bank = "bank";
    public const string BankDatabase = "bankdb";
}
