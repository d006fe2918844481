namespace Queue.Silo.Access;

/// <summary>
/// On the first start with an empty store: the account "admin", with Auth:InitialAdminPassword or else a random
/// password written once to the log. Later starts change nothing (an admin resets passwords through the API).
/// </summary>
public sealed partial class FirstAdmin(IGrainFactory grains, IConfiguration config, ILogger<FirstAdmin> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var configured = config["Auth:InitialAdminPassword"];
        var password = string.IsNullOrEmpty(configured) ? Passwords.Random() : configured;
        if (!await grains.GetGrain<IAccountsGrain>(IAccountsGrain.Key).CreateFirstAdmin(Passwords.Hash(password))) return;
        if (string.IsNullOrEmpty(configured)) Created(logger, password);
        else CreatedConfigured(logger);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Warning, "首次启动：已创建管理员账号 admin，初始密码 {Password}（只显示这一次，请登录后修改） / First start: created the account 'admin' with password {Password} (shown this once).")]
    private static partial void Created(ILogger logger, string password);

    [LoggerMessage(LogLevel.Information, "首次启动：已用 Auth:InitialAdminPassword 创建管理员账号 admin / First start: created 'admin' with Auth:InitialAdminPassword.")]
    private static partial void CreatedConfigured(ILogger logger);
}
