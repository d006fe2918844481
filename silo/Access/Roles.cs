namespace Queue.Silo.Access;

/// <summary>Who signs in. Admins run every hall; managers and clerks the halls their account names.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Manager = "manager";
    /// <summary>Acts only at the window they opened, under their own 工号 (the account's user name).</summary>
    public const string Clerk = "clerk";
    public static readonly string[] All = [Admin, Manager, Clerk];
}

/// <summary>What a hall pairs. Each kind may call only what that device does.</summary>
public static class DeviceKinds
{
    /// <summary>取号机: takes tickets, calls for help, polls its print jobs. Its name is its kioskId.</summary>
    public const string Kiosk = "kiosk";
    public const string Tv = "tv";
    public const string WindowScreen = "window-screen";
    /// <summary>The LED display agent: heartbeats for its screens.</summary>
    public const string DisplayAgent = "display-agent";
    /// <summary>A kiosk's print agent: hears that kiosk's print jobs and reports them. Its name is that kioskId.</summary>
    public const string PrintAgent = "print-agent";
    /// <summary>The window evaluator (好差评 pad).</summary>
    public const string Evaluator = "evaluator";
    /// <summary>A system pulling the hall's data, such as the provincial 好差评 platform's export client.</summary>
    public const string Integration = "integration";
    public static readonly string[] All = [Kiosk, Tv, WindowScreen, DisplayAgent, PrintAgent, Evaluator, Integration];
}
