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
        // Only "this file cannot be read" (400) and "this file is not yours to send" (422) are about the file; a wrong key,
        // route or media type (401, 403, 404, 415) is DirectPay's setup, and sending again once it is fixed must work.
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity)
        {
            var problem = await ReadProblemAsync(response, ct);
            throw new BankRefusedFileException((int)response.StatusCode, problem?.Detail ?? problem?.Title ?? response.ReasonPhrase ?? "");
        }
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<FileAcknowledgement>(Json, ct))!;
    }

    public async Task<BankFileList> ListFilesAsync(DateTimeOffset since, CancellationToken ct) =>
        (await http.GetFromJsonAsync<BankFileList>($"ach/files/outbound?since={Uri.EscapeDataString(since.ToString("O"))}", Json, ct))!;

    public Task<byte[]> GetFileAsync(Guid id, CancellationToken ct) => http.GetByteArrayAsync($"ach/files/outbound/{id}", ct);

    public async Task<SettlementAccountDay> GetSettlementDayAsync(DateOnly date, CancellationToken ct) =>
        (await http.GetFromJsonAsync<SettlementAccountDay>($"accounts/settlement/days/{date:yyyy-MM-dd}", Json, ct))!;

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
