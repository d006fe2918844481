using System.Net;
using Queue.Contracts;
using Queue.Hall;
using Queue.Printing;

namespace Queue.Silo.Printing;

/// <summary>From the API's ticket to what goes on paper, and the absolute link its QR code carries.</summary>
public static class TicketPrints
{
    public const string Advice = "请留意叫号，过号请到服务台";

    public static TicketPrint From(TicketView t, HallConfig hall, string? publicBase) => new(
        HallName: hall.Name,
        Number: t.Number,
        // A ticket taken by category names no matter; the category tells the resident what they queued for.
        Matters: t.Matters.Count > 0 ? [.. t.Matters.Select(m => m.Name)] : [t.CategoryName],
        BundleName: t.Bundle?.Name,
        PeopleAhead: t.PeopleAhead,
        EstimatedWaitMinutes: t.EstimatedWaitMinutes,
        // Printed with its own offset: the hall's wall clock, whatever the server's zone.
        IssuedAt: TimeZoneInfo.ConvertTime(t.IssuedAt, TimeZoneInfo.FindSystemTimeZoneById(hall.TimeZone)),
        StatusUrl: publicBase is null ? null : publicBase.TrimEnd('/') + t.StatusUrl,
        Advice: Advice,
        IsGreen: t.Priority == Priority.Green,
        BeyondClosing: t.BeyondClosing);

    /// <summary>Printing:PublicUrl when set, else the scheme and host the kiosk reached us at; none when that is this
    /// machine's loopback (a kiosk on the server itself), since no phone could open it.</summary>
    public static string? PublicBase(PrintingOptions options, HttpRequest request) =>
        !string.IsNullOrWhiteSpace(options.PublicUrl) ? options.PublicUrl.Trim()
        : IsLoopback(request.Host.Host) ? null
        : $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}";

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>The paper as the printer would see it, as an HTML page (virtual printer).</summary>
    public static string PreviewHtml(TicketPrint ticket, PrinterProfile profile)
    {
        var paper = EscPosDecoder.Decode(TicketRenderer.Render(ticket, profile));
        return TicketPreview.Html(paper, profile, $"{ticket.Number} 出票预览 / Ticket preview");
    }
}
