using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace DirectPay.Tests.EndToEnd;

/// <summary>Bad input gets a 4xx application/problem+json naming the field, and writes nothing.</summary>
[Collection(AppCollection.Name)]
public class ValidationTests(DirectPayApp app) : EndToEndTest(app)
{
    private static readonly string[] Tables = ["users", "bank_accounts", "properties", "leases", "payment_schedules", "lease_amendments"];

    public static TheoryData<string, string, string> BadSignUps => new()
    {
        { """{"email":"not-an-email","full_name":"A","role":"renter","password":"long enough password"}""", "400", "email" },
        { """{"email":"a@example.com","full_name":" ","role":"renter","password":"long enough password"}""", "400", "full_name" },
        { """{"email":"a@example.com","full_name":"A","role":"renter","password":"short"}""", "400", "password" },
        { """{"email":"a@example.com","full_name":"A","password":"long enough password"}""", "400", "role" },
        { """{"email":"a@example.com","full_name":"A","role":"tenant","password":"long enough password"}""", "400", "role" },
        { """{"email":"a@example.com","full_name":"A","role":1,"password":"long enough password"}""", "400", "role" },
        { """{"email":"a@example.com","full_name":"A","role":"renter","password":"long enough password","is_admin":true}""", "400", "is_admin" },
        { """{"email":"a@example.com","full_name":"A","role":"renter","password":12345678901234}""", "400", "password" },
        { """{"email":"a@example.com","full_name":""" + "\"" + new string('x', 201) + "\"" + ""","role":"renter","password":"long enough password"}""", "400", "full_name" },
        { """{"email":"a@example.com", "full_name":""", "400", "full_name" },
        { """[1,2,3]""", "400", "body" },
        { """{"email":"a@example.com","full_name":"nul\u0000byte","role":"renter","password":"long enough password"}""", "400", "full_name" },
    };

    [Theory]
    [MemberData(nameof(BadSignUps))]
    public async Task Bad_sign_ups_name_the_field_and_write_nothing(string json, string status, string field)
    {
        var before = await CountAll();
        var response = await App.Http.PostAsync("/api/v1/users/", new StringContent(json, Encoding.UTF8, "application/json"));
        var problem = await response.ReadProblemAsync((HttpStatusCode)int.Parse(status));
        Assert.Contains(field, problem.ErrorFields());
        Assert.Equal(before, await CountAll());
    }

    [Fact]
    public async Task Wrong_content_type_and_oversized_bodies_are_refused()
    {
        var form = await App.Http.PostAsync("/api/v1/users/", new StringContent("email=a@b.c", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await form.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);

        var huge = new StringContent($$"""{"email":"a@example.com","full_name":"{{new string('x', 200_000)}}"}""", Encoding.UTF8, "application/json");
        await (await App.Http.PostAsync("/api/v1/users/", huge)).ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    public static TheoryData<string, string> BadLeases => new()
    {
        { """{"start_date":"2027-01-10","end_date":"2027-01-01","rent_amount":1500.00,"due_day":15}""", "end_date" },
        { """{"start_date":"2027-01-10","end_date":"2027-12-31","rent_amount":1500.001,"due_day":15}""", "rent_amount" },
        { """{"start_date":"2027-01-10","end_date":"2027-12-31","rent_amount":0,"due_day":15}""", "rent_amount" },
        { """{"start_date":"2027-01-10","end_date":"2027-12-31","rent_amount":-5,"due_day":15}""", "rent_amount" },
        { """{"start_date":"2027-01-10","end_date":"2027-12-31","rent_amount":1e30,"due_day":15}""", "rent_amount" },
        { """{"start_date":"2027-01-10","end_date":"2027-12-31","rent_amount":1500,"due_day":29}""", "due_day" },
        { """{"start_date":"2027-01-10","end_date":"2027-12-31","rent_amount":1500,"due_day":0}""", "due_day" },
        { """{"start_date":"2027-01-10","end_date":"2027-12-31","rent_amount":"1,500","due_day":15}""", "rent_amount" }, // "1500" is taken
        { """{"start_date":"2027-01-10","end_date":"2027-12-31","rent_amount":1500,"due_day":"15"}""", "due_day" },
        { """{"start_date":"10/01/2027","end_date":"2027-12-31","rent_amount":1500,"due_day":15}""", "start_date" },
        { """{"start_date":"2027-01-20","end_date":"2027-02-10","rent_amount":1500,"due_day":15}""", "end_date" },
        { """{"end_date":"2027-12-31","rent_amount":1500,"due_day":15}""", "start_date" },
        { """{"start_date":"2027-01-10","end_date":"9999-12-31","rent_amount":1500,"due_day":15}""", "end_date" }, // over 30 years
    };

    [Theory]
    [MemberData(nameof(BadLeases))]
    public async Task Bad_leases_name_the_field_and_write_nothing(string partial, string field)
    {
        var landlord = await App.SignUpAsync("landlord");
        var renter = await App.SignUpAsync("renter");
        var propertyId = await landlord.CreatePropertyAsync();
        var before = await CountAll();

        var json = $$"""{"property_id":"{{propertyId}}","renter_id":"{{renter.Id}}",{{partial[1..]}}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/leases/")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", landlord.Token);
        var problem = await (await App.Http.SendAsync(request)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(field, problem.ErrorFields());
        Assert.Equal(before, await CountAll());
    }

    [Fact]
    public async Task Bad_bank_accounts_and_properties_name_the_field()
    {
        var landlord = await App.SignUpAsync("landlord");
        var before = await CountAll();

        var badRouting = await landlord.PostAsync("/api/v1/bank-accounts/",
            new { account_number = "12345678", routing_number = "123456789", account_type = "checking" });
        Assert.Equal(["routing_number"], (await badRouting.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        var badNumber = await landlord.PostAsync("/api/v1/bank-accounts/",
            new { account_number = "12ab", routing_number = Scenario.RoutingNumber, account_type = "brokerage" });
        Assert.Contains("account_type", (await badNumber.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        var letters = await landlord.PostAsync("/api/v1/bank-accounts/",
            new { account_number = "12ab5678", routing_number = Scenario.RoutingNumber, account_type = "checking" });
        Assert.Equal(["account_number"], (await letters.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        var badState = await landlord.PostAsync("/api/v1/properties/", new
        {
            address = "1 Main St", city = "Springfield", state = "Illinois", postal_code = "6270", property_type = "castle",
        });
        Assert.Contains("property_type", (await badState.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        var badAddress = await landlord.PostAsync("/api/v1/properties/", new
        {
            address = "'; DROP TABLE users; --", city = "Springfield", state = "Illinois", postal_code = "6270", property_type = "house",
        });
        Assert.Equal(["postal_code", "state"], (await badAddress.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());

        Assert.Equal(before, await CountAll());
    }

    [Fact]
    public async Task Unknown_routes_and_malformed_ids_are_problems_too()
    {
        var renter = await App.SignUpAsync("renter");
        await (await renter.GetAsync("/api/v1/leases/not-a-uuid")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await renter.GetAsync("/api/v1/nothing-here")).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    private async Task<string> CountAll()
    {
        var counts = new List<long>();
        foreach (var table in Tables) counts.Add(await App.CountAsync(table));
        return string.Join(",", counts);
    }
}
