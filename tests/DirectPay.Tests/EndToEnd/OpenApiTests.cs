using System.Net;

namespace DirectPay.Tests.EndToEnd;

[Collection(AppCollection.Name)]
public class OpenApiTests(DirectPayApp app) : EndToEndTest(app)
{
    [Fact]
    public async Task Every_endpoint_is_documented_with_a_summary_and_the_bearer_scheme()
    {
        var document = await (await App.Http.GetAsync("/openapi/v1.json")).ReadJsonAsync(HttpStatusCode.OK);
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Path: path.Name, Method: op.Name, Operation: op.Value)))
            .ToList();

        Assert.Equal(52, operations.Count); // with the admin's ACH files (list, one, hand in), a landlord's payouts, a payment's authorization
        Assert.All(operations, op => Assert.False(string.IsNullOrWhiteSpace(op.Operation.GetProperty("summary").GetString()), $"{op.Method} {op.Path}"));
        Assert.All(operations, op => Assert.True(op.Operation.GetProperty("responses").EnumerateObject().Count() >= 2, $"{op.Method} {op.Path}"));
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.TryGetProperty("SignUpRequest", out _) && schemas.TryGetProperty("CreateLeaseRequest", out _),
            "each use case's request has a schema of its own");
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());

        var anonymous = operations.Where(op => !op.Operation.TryGetProperty("security", out _)).Select(op => $"{op.Method} {op.Path}").Order();
        Assert.Equal(["post /api/v1/auth/token", "post /api/v1/users"], anonymous);

        var scalar = await App.Http.GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        Assert.Contains("DirectPay", await scalar.Content.ReadAsStringAsync());
    }
}
