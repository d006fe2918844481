using Queue.Contracts;
namespace Queue.Silo.Halls;

/// <summary>SignalR group names: who hears what.</summary>
public static class HallGroups
{
    /// <summary>Screens, consoles and managers: every public message of the hall.</summary>
    public static string Public(string hallId) => $"hall:{hallId}";
    public static string Managers(string hallId) => $"hall:{hallId}:managers";
    /// <summary>Phones hear queue counts, to refresh their own position.</summary>
    public static string Phones(string hallId) => $"hall:{hallId}:phones";
    /// <summary>The clerk console of one window.</summary>
    public static string Window(string hallId, int windowNo) => $"hall:{hallId}:window:{windowNo}";
    /// <summary>The evaluator (好差评 pad) facing one window.</summary>
    public static string Evaluator(string hallId, int windowNo) => $"evaluator:{hallId}:{windowNo}";
    public static string Ticket(string ticketId) => $"ticket:{ticketId}";
    /// <summary>The print agent of one kiosk.</summary>
    public static string Printer(string hallId, string kioskId) => $"printer:{hallId}:{kioskId}";
}
