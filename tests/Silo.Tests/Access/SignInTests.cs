using System.Net;
using Queue.Tests.Support;

namespace Queue.Silo.Tests.Access;

/// <summary>POST /api/auth/sign-in and -out, the session cookie, and the lockout after 5 wrong passwords.</summary>
public class SignInTests
{
    private static Task<HttpResponseMessage> SignIn(HttpClient browser, string userName, string password) =>
        browser.Post("/api/auth/sign-in", new { userName, password });

    /// <summary>The admin creates clerk c01 (password <see cref="Staff.Password"/>); the admin's client.</summary>
    private static async Task<HttpClient> WithClerk(SiloApplication silo)
    {
        var admin = silo.Client();
        await admin.CreateUserOk("c01", "clerk", "xuanen");
        return admin;
    }

    [Fact]
    public async Task Signing_in_sets_an_httponly_strict_cookie_that_says_who_and_signing_out_ends_it()
    {
        await using var silo = new SiloApplication(settings: AccessMatrixTests.Unlimited);
        await WithClerk(silo);
        var browser = silo.AnonymousClient();
        await HallApi.AssertProblem(await browser.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized, "sign-in-required");

        var signedIn = await SignIn(browser, "c01", Staff.Password);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var me = await HallApi.Body(signedIn);
        Assert.Equal(("c01", "clerk", "xuanen"), (me.GetProperty("userName").GetString(), me.GetProperty("role").GetString(), me.GetProperty("halls")[0].GetString()));
        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("queue_staff=", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("c01", (await browser.GetOk("/api/auth/me")).GetProperty("userName").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/api/auth/sign-out", null)).StatusCode);
        await HallApi.AssertProblem(await browser.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized, "sign-in-required");
        await HallApi.AssertProblem(await SignIn(browser, "", ""), HttpStatusCode.BadRequest, "sign-in-invalid");
    }

    [Fact]
    public async Task A_wrong_password_an_unknown_user_and_a_disabled_one_are_refused_alike_down_to_the_lockout()
    {
        await using var silo = new SiloApplication(settings: AccessMatrixTests.Unlimited);
        var admin = await WithClerk(silo);
        await admin.CreateUserOk("c02", "clerk", "xuanen");
        await admin.PostOk("/api/admin/users/c02/disable", new { });
        var browser = silo.AnonymousClient();
        // Whoever guesses names learns nothing: the same code, words and count for c01, a name nobody has, and c02.
        for (var i = 0; i < 5; i++)
        {
            var expected = i < 4 ? (HttpStatusCode.Unauthorized, "sign-in-failed") : ((HttpStatusCode)423, "account-locked");
            var answers = new List<(string?, string?)>();
            foreach (var (name, password) in new[] { ("c01", "not-the-password"), ("nobody-here", "not-the-password"), ("c02", Staff.Password) })
            {
                var problem = await HallApi.AssertProblem(await SignIn(browser, name, password), expected.Item1, expected.Item2);
                answers.Add((problem.GetProperty("zh").GetString(), problem.GetProperty("detail").GetString()));
            }
            Assert.Single(answers.Distinct());
            if (i == 0) Assert.Contains("再错 4 次", answers[0].Item1);
        }
        await HallApi.AssertProblem(await browser.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized, "sign-in-required");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_15_minutes_even_against_the_right_one()
    {
        await using var silo = new SiloApplication(settings: AccessMatrixTests.Unlimited);
        await WithClerk(silo);
        var browser = silo.AnonymousClient();
        for (var i = 0; i < 4; i++)
            await HallApi.AssertProblem(await SignIn(browser, "c01", $"guess-{i}-wrong"), HttpStatusCode.Unauthorized, "sign-in-failed");
        var locked = await HallApi.AssertProblem(await SignIn(browser, "c01", "guess-4-wrong"), (HttpStatusCode)423, "account-locked");
        Assert.Contains("15", locked.GetProperty("zh").GetString());

        await HallApi.AssertProblem(await SignIn(browser, "c01", Staff.Password), (HttpStatusCode)423, "account-locked");
        silo.Clock.Advance(TimeSpan.FromMinutes(14));
        await HallApi.AssertProblem(await SignIn(browser, "c01", Staff.Password), (HttpStatusCode)423, "account-locked");
        await HallApi.AssertProblem(await browser.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized, "sign-in-required");

        silo.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await SignIn(browser, "c01", Staff.Password)).StatusCode);
        Assert.Equal("c01", (await browser.GetOk("/api/auth/me")).GetProperty("userName").GetString());
        // The count started again: one more wrong password does not lock.
        await HallApi.AssertProblem(await SignIn(silo.AnonymousClient(), "c01", "wrong-again"), HttpStatusCode.Unauthorized, "sign-in-failed");
    }

    [Fact]
    public async Task An_admins_password_reset_lifts_a_lockout()
    {
        await using var silo = new SiloApplication(settings: AccessMatrixTests.Unlimited);
        var admin = await WithClerk(silo);
        var browser = silo.AnonymousClient();
        for (var i = 0; i < 5; i++) await SignIn(browser, "c01", $"guess-{i}-wrong");
        var listed = (await admin.GetOk("/api/admin/users")).EnumerateArray().Single(u => u.GetProperty("userName").GetString() == "c01");
        Assert.Equal(silo.Clock.GetUtcNow().AddMinutes(15), listed.GetProperty("lockedUntil").GetDateTimeOffset());

        var reset = await admin.PostOk("/api/admin/users/c01/password", new { password = "a-new-password" });
        Assert.False(reset.TryGetProperty("lockedUntil", out _));
        await HallApi.AssertProblem(await SignIn(browser, "c01", Staff.Password), HttpStatusCode.Unauthorized, "sign-in-failed");
        Assert.Equal(HttpStatusCode.OK, (await SignIn(browser, "c01", "a-new-password")).StatusCode);
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_session_at_the_next_request_and_enabling_lets_it_sign_in_again()
    {
        await using var silo = new SiloApplication(settings: AccessMatrixTests.Unlimited);
        var admin = await WithClerk(silo);
        var clerk = silo.Client("c01");
        await clerk.OpenWindow(1);

        Assert.True((await admin.PostOk("/api/admin/users/c01/disable", new { })).GetProperty("disabled").GetBoolean());
        await HallApi.AssertProblem(await clerk.Act(1, "call-next"), HttpStatusCode.Unauthorized, "sign-in-required");
        await HallApi.AssertProblem(await clerk.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized, "sign-in-required");
        await HallApi.AssertProblem(await SignIn(silo.AnonymousClient(), "c01", Staff.Password), HttpStatusCode.Unauthorized, "sign-in-failed");

        Assert.False((await admin.PostOk("/api/admin/users/c01/enable", new { })).GetProperty("disabled").GetBoolean());
        var again = silo.Client("c01");
        Assert.Equal(HttpStatusCode.NoContent, (await again.Act(1, "call-next")).StatusCode);   // its window, nobody waiting
    }
}
