namespace Queue.Printing;

/// <summary>
/// What goes on a paper ticket (取号凭条). <see cref="IssuedAt"/> is printed with its own offset, so pass the
/// hall's local time (e.g. <c>TimeZoneInfo.ConvertTime(now, hallZone)</c>). <see cref="StatusUrl"/> is the
/// absolute http(s) address of the phone status page, encoded in the QR code; null where phones could not open it
/// (a silo known only as localhost): the ticket then says to watch the screens instead. <see cref="BeyondClosing"/>: the
/// wait runs past today's closing, said instead of minutes.
/// </summary>
public sealed record TicketPrint(
    string HallName,
    string Number,
    IReadOnlyList<string> Matters,
    string? BundleName,
    int PeopleAhead,
    int? EstimatedWaitMinutes,
    DateTimeOffset IssuedAt,
    string? StatusUrl,
    string Advice,
    bool IsGreen = false,
    bool BeyondClosing = false)
{
    public const int MaxStatusUrlLength = 500;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad field; returns this when all is well.</summary>
    public TicketPrint Validate()
    {
        if (string.IsNullOrWhiteSpace(HallName)) throw new ArgumentException("The ticket has no hall name.");
        if (string.IsNullOrWhiteSpace(Number)) throw new ArgumentException("The ticket has no number.");
        if (Number.Length > 16) throw new ArgumentException($"Ticket number '{Number}' is longer than 16 characters.");
        if (Matters is null) throw new ArgumentException("Matters must be a list (possibly empty), not null.");
        if (Matters.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException("A matter name is empty.");
        if (PeopleAhead < 0) throw new ArgumentException($"People ahead cannot be negative ({PeopleAhead}).");
        if (EstimatedWaitMinutes < 0) throw new ArgumentException($"Estimated wait cannot be negative ({EstimatedWaitMinutes} min).");
        if (IssuedAt == default) throw new ArgumentException("The ticket has no issue time.");
        if (StatusUrl is not null) CheckStatusUrl(StatusUrl);
        return this;
    }

    private static void CheckStatusUrl(string url)
    {
        if (string.IsNullOrWhiteSpace(url)) throw new ArgumentException("The ticket has no status URL for the QR code (it is blank); give none (null) for a ticket without a code.");
        if (url.Length > MaxStatusUrlLength)
            throw new ArgumentException($"Status URL is {url.Length} characters; at most {MaxStatusUrlLength} fit a ticket QR code.");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ArgumentException(
                $"Status URL '{url}' must be an absolute http(s) URL; prefix the API's relative statusUrl with the hall's public address.");
        if (!System.Text.Ascii.IsValid(url) || url.Any(char.IsWhiteSpace))
            throw new ArgumentException($"Status URL '{url}' must be ASCII without spaces (percent-encode it).");
    }
}
