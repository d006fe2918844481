using System.Net;
using Queue.Tests.Support;

namespace Queue.Silo.Tests;

/// <summary>Behind nginx every phone arrives from nginx's address; only a trusted proxy's X-Forwarded-For tells them apart.</summary>
public class ProxyTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Phones_behind_a_trusted_proxy_are_limited_each_on_its_own_and_a_forged_header_is_ignored(bool trusted)
    {
        var settings = new Dictionary<string, string> { ["RateLimits:lookup:PermitLimit"] = "2", ["RateLimits:lookup:Window"] = "00:10:00" };
        if (trusted) settings["Security:TrustedProxies:0"] = "127.0.0.1";
        await using var silo = new SiloApplication(kestrel: true, settings: settings);
        var ticket = $"/api/halls/xuanen/tickets/{(await silo.Client().TakeOk(new { categoryCode = "general" })).GetProperty("id")}";
        using var phones = silo.AnonymousClient();

        Task<HttpResponseMessage> Look(string from)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, ticket);
            request.Headers.Add("X-Forwarded-For", from);
            return phones.SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.OK, (await Look("10.0.0.1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Look("10.0.0.1")).StatusCode);
        await HallApi.AssertProblem(await Look("10.0.0.1"), HttpStatusCode.TooManyRequests, "rate-limited");
        // Another phone: its own budget through a trusted proxy; the same address as before (the header means nothing) otherwise.
        var other = await Look("10.0.0.2");
        if (trusted) Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        else await HallApi.AssertProblem(other, HttpStatusCode.TooManyRequests, "rate-limited");
    }
}
