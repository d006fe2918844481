using Queue.Silo.Access;

namespace Queue.Silo.Alerts;

/// <summary>呼叫帮办: a kiosk's help call names the kiosk and where it stands, so whoever reads it knows where to go.</summary>
public static class HelpAlert
{
    public static void RaiseHelp(this AlertBoard board, string hallId, DeviceClaim kiosk) =>
        board.Raise(hallId, $"help:{kiosk.Name}", "help", Message(kiosk.Name, kiosk.Place), kiosk.Name);

    public static string Message(string kiosk, string? place) =>
        place is null ? $"取号机 {kiosk} 有群众呼叫帮办，请前往协助" : $"取号机 {kiosk}（{place}）有群众呼叫帮办，请前往协助";
}
