using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Queue.Tests.Support;

/// <summary>
/// Who a test speaks as, the way real users do it: a person signs in through POST /api/auth/sign-in and keeps the
/// cookie; a device carries the token a manager paired it with. Every silo a test starts creates the first admin
/// with <see cref="AdminPassword"/> (Auth:InitialAdminPassword).
/// </summary>
public static class Staff
{
    public const string Admin = "admin";
    public const string AdminPassword = "admin-password-for-tests";
    /// <summary>The password <see cref="HallApi.CreateUserOk"/> gives the accounts a test creates.</summary>
    public const string Password = "password-for-tests";

    /// <summary>The setting a silo under test starts with.</summary>
    public static string AdminSetting => $"--Auth:InitialAdminPassword={AdminPassword}";

    /// <summary>A handler chain that signs in as <paramref name="userName"/> before its first request and keeps the
    /// cookie (the silo's Strict, HttpOnly one). <paramref name="inner"/> is the transport: a socket handler, or a test server's.</summary>
    public static HttpMessageHandler SignedIn(string userName, string password, HttpMessageHandler inner) =>
        new SignsIn(userName, password) { InnerHandler = inner };

    /// <summary>A handler chain that sends a paired device's token as a bearer token.</summary>
    public static HttpMessageHandler AsDevice(string token, HttpMessageHandler inner) => new Bearer(token) { InnerHandler = inner };

    /// <summary>Signs in once, on the first request, then lets the cookie handler below carry the session.</summary>
    private sealed class SignsIn(string userName, string password) : DelegatingHandler
    {
        private readonly SemaphoreSlim _once = new(1, 1);
        private bool _signedIn;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            if (!_signedIn)
            {
                await _once.WaitAsync(ct);
                try
                {
                    if (!_signedIn)
                    {
                        var signIn = new HttpRequestMessage(HttpMethod.Post, new Uri(request.RequestUri!, "/api/auth/sign-in"))
                        {
                            Content = JsonContent.Create(new { userName, password }),
                        };
                        using var answer = await base.SendAsync(signIn, ct);
                        if (answer.StatusCode != HttpStatusCode.OK)
                            throw new HallApiException($"Signing in as {userName} answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync(ct)}");
                        _signedIn = true;
                    }
                }
                finally { _once.Release(); }
            }
            return await base.SendAsync(request, ct);
        }
    }

    private sealed class Bearer(string token) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return base.SendAsync(request, ct);
        }
    }
}
