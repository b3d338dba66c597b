using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace DirectPay.Banking.Connection;

/// <summary>The bank service's HTTP API, as the api and the worker reach it (by service discovery, with its API key).</summary>
public sealed class BankHttpConnection(HttpClient http) : IBankConnection
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task<FileAcknowledgement> SubmitAchFileAsync(byte[] file, CancellationToken ct)
    {
        using var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "us-ascii" };
        using var response = await http.PostAsync("ach/files", content, ct);
        await ThrowIfRefusedAsync(response, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<FileAcknowledgement>(Json, ct))!;
    }

    public async Task<TransferStatus> SendTransferAsync(TransferOrder order, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("transfers", order, Json, ct);
        await ThrowIfRefusedAsync(response, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TransferStatus>(Json, ct))!;
    }

    public async Task<TransferStatus?> GetTransferAsync(string id, CancellationToken ct)
    {
        using var response = await http.GetAsync($"transfers/{Uri.EscapeDataString(id)}", ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TransferStatus>(Json, ct))!;
    }

    public async Task<BankFileList> ListFilesAsync(DateTimeOffset since, CancellationToken ct) =>
        (await http.GetFromJsonAsync<BankFileList>($"ach/files/outbound?since={Uri.EscapeDataString(since.ToString("O"))}", Json, ct))!;

    public Task<byte[]> GetFileAsync(Guid id, CancellationToken ct) => http.GetByteArrayAsync($"ach/files/outbound/{id}", ct);

    public async Task<SettlementAccountDay> GetSettlementDayAsync(DateOnly date, CancellationToken ct) =>
        (await http.GetFromJsonAsync<SettlementAccountDay>($"accounts/settlement/days/{date:yyyy-MM-dd}", Json, ct))!;

    /// <summary>
    /// Only "this cannot be read" (400), "this id names another" (409) and "this is not yours to send" (422) are about
    /// what was sent; a wrong key, route or media type (401, 403, 404, 415) is DirectPay's setup, and sending again once
    /// it is fixed must work.
    /// </summary>
    private static async Task ThrowIfRefusedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.StatusCode is not (HttpStatusCode.BadRequest or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity)) return;
        var problem = await ReadProblemAsync(response, ct);
        throw new BankRefusedException((int)response.StatusCode, problem?.Detail ?? problem?.Title ?? response.ReasonPhrase ?? "");
    }

    private static async Task<ProblemDetails?> ReadProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<ProblemDetails>(Json, ct);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
