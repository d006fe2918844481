using Microsoft.Playwright;
using Queue.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Queue.Web.Tests;

/// <summary>预约办理 (/book/{hall}) on a phone inside WeChat: a resident books a slot, keeps the code and its QR, then looks
/// the booking up and cancels it by code and the phone's last four digits.</summary>
public sealed class BookingPageTests(SiloSite site) : IClassFixture<SiloSite>
{
    const string WeChat = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 " +
                          "MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN";

    [Fact]
    public async Task A_resident_books_a_slot_in_wechat_sees_its_code_and_qr_then_looks_it_up_and_cancels_it()
    {
        var phone = "139" + Random.Shared.Next(10_000_000, 99_999_999);
        var page = await site.NewPageAsync(390, 844, isMobile: true, userAgent: WeChat);
        await page.GotoAsync($"/book/{SiloSite.Hall}");

        await page.GetByLabel("办理什么").SelectOptionAsync("category:general");
        var days = page.Locator("button[data-action=day]");
        await Expect(days).ToHaveCountAsync(7);
        await Expect(days.Filter(new() { HasText = "正在查询" })).ToHaveCountAsync(0);
        await SiloSite.AssertButtonsInViewAsync(page);
        await SiloSite.AssertAccessibleAsync(page);
        // The silo's clock is the real one: the first day with a seat left, whichever that is.
        await page.Locator("button[data-action=day]:not([disabled])").First.TapAsync();
        await page.Locator("button[data-action=slot]:not([disabled])").First.TapAsync();

        // A refusal from the silo is shown in Chinese beside the form, and what was typed stays.
        await page.GetByLabel("手机号码（必填）").FillAsync("12345678901");
        await page.GetByLabel("姓名（选填）").FillAsync("张三");
        await page.GetByRole(AriaRole.Button, new() { Name = "确认预约" }).TapAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).Not.ToBeEmptyAsync();
        await Expect(page.GetByLabel("姓名（选填）")).ToHaveValueAsync("张三");
        await Expect(page.GetByLabel("手机号码（必填）")).ToHaveValueAsync("12345678901");

        await page.GetByLabel("手机号码（必填）").FillAsync(phone);
        await page.GetByRole(AriaRole.Button, new() { Name = "确认预约" }).TapAsync();
        var code = (await page.Locator("#booking-code").TextContentAsync())!.Trim();
        Assert.NotEmpty(code);
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "预约二维码" }).Locator("svg")).ToBeVisibleAsync();
        await Expect(page.GetByText("到大厅取号机点“预约签到”输入预约码").First).ToBeVisibleAsync();

        var booked = await site.Api.GetOk($"/api/halls/{SiloSite.Hall}/appointments/{code}?phone4={phone[^4..]}");
        Assert.Equal("booked", booked.GetProperty("status").GetString());

        await page.GetByRole(AriaRole.Button, new() { Name = "查询/取消预约" }).TapAsync();
        await page.GetByLabel("预约码").FillAsync(code);
        await page.GetByLabel("手机号码后四位").FillAsync(phone[^4..]);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true }).TapAsync();
        await Expect(page.Locator("#booking-status")).ToHaveTextAsync("已预约");
        await SiloSite.AssertButtonsInViewAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "取消预约", Exact = true }).TapAsync();
        await Expect(page.Locator("#booking-status")).ToHaveTextAsync("已取消");
        await SiloSite.AssertAccessibleAsync(page);

        var cancelled = await site.Api.GetOk($"/api/halls/{SiloSite.Hall}/appointments/{code}?phone4={phone[^4..]}");
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Empty(site.PageErrors);
    }
}
