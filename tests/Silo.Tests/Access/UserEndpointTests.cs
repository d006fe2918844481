using System.Net;
using Queue.Tests.Support;

namespace Queue.Silo.Tests.Access;

/// <summary>/api/admin/users: accounts, for admins.</summary>
public class UserEndpointTests
{
    [Fact]
    public async Task An_admin_creates_lists_disables_enables_and_resets_an_account_and_no_answer_carries_a_password()
    {
        await using var silo = new SiloApplication();
        var admin = silo.Client();
        var created = await admin.Post("/api/admin/users", new { userName = "m01", password = Staff.Password, role = "manager", halls = new[] { "xuanen", "enshi" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/admin/users/m01", created.Headers.Location?.OriginalString);
        var view = await HallApi.Body(created);
        Assert.Equal(("m01", "manager", false), (view.GetProperty("userName").GetString(), view.GetProperty("role").GetString(), view.GetProperty("disabled").GetBoolean()));
        Assert.Equal(["xuanen", "enshi"], view.GetProperty("halls").EnumerateArray().Select(h => h.GetString()));
        // An admin's halls are all of them: none named.
        Assert.Empty((await admin.CreateUserOk("a02", "admin", "xuanen")).GetProperty("halls").EnumerateArray());

        var list = await admin.GetStringAsync("/api/admin/users");
        Assert.Equal(["a02", "admin", "m01"], (await admin.GetOk("/api/admin/users")).EnumerateArray().Select(u => u.GetProperty("userName").GetString()));
        Assert.DoesNotContain("password", list, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AQAAAA", list);   // the framework's password hashes start so

        Assert.True((await admin.PostOk("/api/admin/users/m01/disable", new { })).GetProperty("disabled").GetBoolean());
        Assert.True((await admin.GetOk("/api/admin/users")).EnumerateArray().Single(u => u.GetProperty("userName").GetString() == "m01").GetProperty("disabled").GetBoolean());
        Assert.False((await admin.PostOk("/api/admin/users/m01/enable", new { })).GetProperty("disabled").GetBoolean());
        await admin.PostOk("/api/admin/users/m01/password", new { password = "another-password" });
        var manager = silo.AnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await manager.Post("/api/auth/sign-in", new { userName = "m01", password = "another-password" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/halls/enshi/manage/alerts")).StatusCode);
    }

    public static TheoryData<object, string> BadAccounts => new()
    {
        { new { userName = "", password = Staff.Password, role = "clerk", halls = new[] { "xuanen" } }, "user-name-invalid" },
        { new { userName = "有 空格", password = Staff.Password, role = "clerk", halls = new[] { "xuanen" } }, "user-name-invalid" },
        { new { userName = new string('c', 33), password = Staff.Password, role = "clerk", halls = new[] { "xuanen" } }, "user-name-invalid" },
        { new { password = Staff.Password, role = "clerk", halls = new[] { "xuanen" } }, "user-name-invalid" },
        { new { userName = "c01", password = "short", role = "clerk", halls = new[] { "xuanen" } }, "password-too-short" },
        { new { userName = "c01", password = new string('p', 129), role = "clerk", halls = new[] { "xuanen" } }, "password-too-short" },
        { new { userName = "c01", role = "clerk", halls = new[] { "xuanen" } }, "password-too-short" },
        { new { userName = "c01", password = Staff.Password, role = "root", halls = new[] { "xuanen" } }, "role-invalid" },
        { new { userName = "c01", password = Staff.Password, halls = new[] { "xuanen" } }, "role-invalid" },
        { new { userName = "c01", password = Staff.Password, role = "clerk", halls = new[] { "atlantis" } }, "hall-not-found" },
        { new { userName = "c01", password = Staff.Password, role = "manager", halls = Array.Empty<string>() }, "halls-required" },
        { new { userName = "c01", password = Staff.Password, role = "clerk" }, "halls-required" },
    };

    [Theory]
    [MemberData(nameof(BadAccounts))]
    public async Task A_bad_account_is_refused_clearly_and_creates_nothing(object body, string code)
    {
        await using var silo = new SiloApplication();
        var admin = silo.Client();
        var before = await admin.GetStringAsync("/api/admin/users");
        await HallApi.AssertProblem(await admin.Post("/api/admin/users", body), HttpStatusCode.BadRequest, code);
        Assert.Equal(before, await admin.GetStringAsync("/api/admin/users"));
    }

    [Fact]
    public async Task A_taken_name_an_unknown_account_and_a_short_new_password_are_refused_and_change_nothing()
    {
        await using var silo = new SiloApplication();
        var admin = silo.Client();
        await admin.CreateUserOk("c01", "clerk", "xuanen");
        var before = await admin.GetStringAsync("/api/admin/users");

        await HallApi.AssertProblem(await admin.Post("/api/admin/users", new { userName = "C01", password = Staff.Password, role = "manager", halls = new[] { "enshi" } }),
            HttpStatusCode.Conflict, "user-exists");
        foreach (var action in new[] { "disable", "enable" })
            await HallApi.AssertProblem(await admin.Post($"/api/admin/users/nobody/{action}", new { }), HttpStatusCode.NotFound, "user-not-found");
        await HallApi.AssertProblem(await admin.Post("/api/admin/users/nobody/password", new { password = Staff.Password }), HttpStatusCode.NotFound, "user-not-found");
        await HallApi.AssertProblem(await admin.Post("/api/admin/users/c01/password", new { password = "short" }), HttpStatusCode.BadRequest, "password-too-short");

        Assert.Equal(before, await admin.GetStringAsync("/api/admin/users"));
        Assert.Equal(HttpStatusCode.OK, (await silo.AnonymousClient().Post("/api/auth/sign-in", new { userName = "c01", password = Staff.Password })).StatusCode);
    }
}
