using System.Diagnostics;

namespace DirectPay;

/// <summary>The activity source and meter name of DirectPay's own spans and metrics.</summary>
public static class DirectPayTelemetry
{
    public const string Name = "DirectPay";
    public static readonly ActivitySource Source = new(Name);
}
