using System.Net;
using System.Text.Json;

namespace DirectPay.Tests.EndToEnd;

/// <summary>
/// The seed system's clients send its own request shapes: ids naming the caller, Python's Decimal as a JSON string,
/// its field names and midnight date-times. DirectPay takes them, answers in its own names, and still refuses the rest.
/// </summary>
[Collection(AppCollection.Name)]
public class SeedClientTests(DirectPayApp app) : EndToEndTest(app)
{
    [Fact]
    public async Task The_seed_lease_flow_runs_with_the_seed_request_shapes()
    {
        var landlord = await App.SignUpAsync("landlord");
        var renter = await App.SignUpAsync("renter");
        var payee = await AddSeedBankAccountAsync(landlord, "000123456789");
        var payer = await AddSeedBankAccountAsync(renter, "000987654321");

        var property = await (await landlord.PostAsync("/api/v1/properties/", new
        {
            landlord_id = landlord.Id, address = "12 Main St", city = "Springfield", state = "IL", zip_code = "62701",
            unit_number = "2B", monthly_rent = "2500.00",
        })).ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(landlord.Id.ToString(), property.GetProperty("landlord_id").GetString());
        Assert.Equal("62701", property.GetProperty("postal_code").GetString());
        Assert.Equal("2500.00", property.GetProperty("monthly_rent").GetRawText());
        Assert.Equal(JsonValueKind.Null, property.GetProperty("property_type").ValueKind);
        Assert.False(property.TryGetProperty("zip_code", out _), "the answer uses DirectPay's names");
        Assert.Equal($"{landlord.Id}|62701|2500.00|-", await App.ScalarAsync<string>(
            "SELECT concat_ws('|', landlord_id, postal_code, monthly_rent, coalesce(property_type, '-'))"
            + " FROM properties WHERE id = $1", property.Id()));

        var lease = await (await landlord.PostAsync("/api/v1/leases/", new
        {
            property_id = property.Id(), renter_id = renter.Id, start_date = "2027-03-01T00:00:00",
            end_date = "2028-02-29T00:00:00", rent_amount = "2500.00", due_day_of_month = 1,
        })).ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal("2027-03-01", lease.GetProperty("start_date").GetString());
        Assert.Equal("2028-02-29", lease.GetProperty("end_date").GetString());
        Assert.Equal("2500.00", lease.GetProperty("rent_amount").GetRawText());
        Assert.Equal(1, lease.GetProperty("due_day").GetInt32());
        Assert.Equal("2027-03-01", lease.GetProperty("schedule").GetProperty("next_due_date").GetString());
        Assert.Equal("2027-03-01|2028-02-29|2500.00|1", await App.ScalarAsync<string>(
            "SELECT concat_ws('|', start_date, end_date, rent_amount, due_day) FROM leases WHERE id = $1", lease.Id()));

        var scenario = new PaymentScenario(App, landlord, renter, lease.Id(), payer, payee);
        var created = await (await scenario.PayAsync(new
        {
            idempotency_key = $"seed-{Guid.NewGuid():N}", lease_id = lease.Id(), payer_account_id = payer,
            payee_account_id = payee, amount = "2500.00", payment_rail_type = "instant",
        })).ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal("2500.00", created.GetProperty("amount").GetRawText());
        await scenario.WaitForStatusAsync(created.Id(), "completed");
        Assert.Equal("2500.00|completed", await App.ScalarAsync<string>(
            "SELECT concat_ws('|', amount, status) FROM payments WHERE id = $1", created.Id()));
    }

    [Fact]
    public async Task An_id_naming_someone_else_is_403_and_writes_nothing()
    {
        var landlord = await App.SignUpAsync("landlord");
        var other = await App.SignUpAsync("landlord");

        var property = await landlord.PostAsync("/api/v1/properties/", new
        {
            landlord_id = other.Id, address = "12 Main St", city = "Springfield", state = "IL", zip_code = "62701",
            monthly_rent = "2500.00",
        });
        await property.ReadProblemAsync(HttpStatusCode.Forbidden);
        var account = await landlord.PostAsync("/api/v1/bank-accounts/", new
        {
            user_id = other.Id, account_number = "000123456789", routing_number = Scenario.RoutingNumber,
            account_type = "checking",
        });
        await account.ReadProblemAsync(HttpStatusCode.Forbidden);

        Guid[] both = [landlord.Id, other.Id];
        Assert.Equal(0L, await App.ScalarAsync<long>("SELECT count(*) FROM properties WHERE landlord_id = ANY($1)",
            both));
        Assert.Equal(0L, await App.ScalarAsync<long>("SELECT count(*) FROM bank_accounts WHERE user_id = ANY($1)",
            both));
    }

    [Fact]
    public async Task A_lease_date_with_a_time_of_day_is_400_naming_the_field()
    {
        var landlord = await App.SignUpAsync("landlord");
        var renter = await App.SignUpAsync("renter");
        var propertyId = await landlord.CreatePropertyAsync();

        var response = await landlord.PostAsync("/api/v1/leases/", new
        {
            property_id = propertyId, renter_id = renter.Id, start_date = "2027-03-01T10:30:00",
            end_date = "2028-02-29T00:00:00", rent_amount = "2500.00", due_day_of_month = 1,
        });

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["start_date"], problem.ErrorFields());
        Assert.Contains("midnight", problem.GetProperty("errors").GetProperty("start_date")[0].GetString());
        Assert.Equal(0L, await App.ScalarAsync<long>("SELECT count(*) FROM leases WHERE property_id = $1", propertyId));
    }

    [Fact]
    public async Task Unknown_fields_and_aliases_that_disagree_are_400_naming_the_field()
    {
        var landlord = await App.SignUpAsync("landlord");
        var renter = await App.SignUpAsync("renter");
        var propertyId = await landlord.CreatePropertyAsync();

        var unknown = await landlord.PostAsync("/api/v1/properties/", new
        {
            address = "12 Main St", city = "Springfield", state = "IL", zip_code = "62701", square_feet = 900,
        });
        Assert.Equal(["square_feet"], (await unknown.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        var twoZips = await landlord.PostAsync("/api/v1/properties/", new
        {
            address = "12 Main St", city = "Springfield", state = "IL", zip_code = "62701", postal_code = "62702",
        });
        Assert.Equal(["zip_code"], (await twoZips.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        var twoDueDays = await landlord.PostAsync("/api/v1/leases/", new
        {
            property_id = propertyId, renter_id = renter.Id, start_date = "2027-03-01", end_date = "2028-02-29",
            rent_amount = "2500.00", due_day = 1, due_day_of_month = 5,
        });
        var clash = await twoDueDays.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["due_day_of_month"], clash.ErrorFields());
        var notMoney = await landlord.PostAsync("/api/v1/leases/", new
        {
            property_id = propertyId, renter_id = renter.Id, start_date = "2027-03-01", end_date = "2028-02-29",
            rent_amount = "2,500.00", due_day = 1,
        });
        Assert.Equal(["rent_amount"], (await notMoney.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());

        Assert.Equal(1L, await App.ScalarAsync<long>("SELECT count(*) FROM properties WHERE landlord_id = $1",
            landlord.Id));
        Assert.Equal(0L, await App.ScalarAsync<long>("SELECT count(*) FROM leases WHERE property_id = $1", propertyId));
    }

    [Fact]
    public async Task The_openapi_document_shows_both_shapes()
    {
        var document = await (await App.Http.GetAsync("/openapi/v1.json")).ReadJsonAsync(HttpStatusCode.OK);
        var schemas = document.GetProperty("components").GetProperty("schemas");
        JsonElement Field(string schema, string name) =>
            schemas.GetProperty(schema).GetProperty("properties").GetProperty(name);

        const string Property = "CreatePropertyRequest", Lease = "CreateLeaseRequest";

        foreach (var (schema, alias) in new[] { (Property, "zip_code"), (Lease, "due_day_of_month") })
            Assert.Contains("seed system", Field(schema, alias).GetProperty("description").GetString());
        foreach (var (schema, id) in new[] { (Property, "landlord_id"), ("AddBankAccountRequest", "user_id") })
            Assert.Contains("must be you", Field(schema, id).GetProperty("description").GetString());
        foreach (var (schema, money) in new[] { (Property, "monthly_rent"), (Lease, "rent_amount") })
        {
            var type = Field(schema, money).GetProperty("type").ToString();
            Assert.True(type.Contains("number") && type.Contains("string"), $"{schema}.{money}: {type}");
        }
        Assert.Equal("number", Field("LeaseResponse", "rent_amount").GetProperty("type").GetString()); // answers
        Assert.Contains("T00:00:00", Field(Lease, "start_date").GetProperty("description").GetString());
        Assert.Contains("string", Field(Lease, "start_date").GetProperty("type").ToString());
        var required = schemas.GetProperty(Property).GetProperty("required").EnumerateArray();
        Assert.DoesNotContain("property_type", required.Select(r => r.GetString()));
    }

    /// <summary>The seed's bank account names its owner in user_id.</summary>
    private static async Task<Guid> AddSeedBankAccountAsync(Caller owner, string number)
    {
        var response = await owner.PostAsync("/api/v1/bank-accounts/", new
        {
            user_id = owner.Id, account_number = number, routing_number = Scenario.RoutingNumber,
            account_type = "checking", bank_name = "Demo Bank",
        });
        var account = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(owner.Id.ToString(), account.GetProperty("user_id").GetString());
        return account.Id();
    }
}
