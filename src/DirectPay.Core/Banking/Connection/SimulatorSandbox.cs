using System.Net.Http.Json;

namespace DirectPay.Banking.Connection;

/// <summary>
/// What only the simulated bank offers, beside the port: taking over the postings DirectPay's own simulator made before
/// the bank became its own service (a real bank is never asked this).
/// </summary>
public sealed class SimulatorSandbox(HttpClient http)
{
    /// <summary>Postings the bank books once each, by id: sending them again changes nothing.</summary>
    public async Task ImportAsync(IReadOnlyList<ImportedPosting> postings, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("sandbox/postings", postings, BankHttpConnection.Json, ct);
        response.EnsureSuccessStatusCode();
    }
}

/// <summary>A movement on an account at the bank, positive in and negative out, booked on a banking date.</summary>
public sealed record ImportedPosting(Guid Id, string RoutingNumber, string AccountNumber, decimal Amount, DateOnly BookedOn, string Reference);
