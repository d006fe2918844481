using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Queue.Silo.Storage;

namespace Queue.Silo.Privacy;

public static class PrivacySetup
{
    /// <summary>Residents' personal data: sealed and masked (<see cref="PersonalData"/>), purged after Privacy:RetentionDays,
    /// and a key folder only the silo's user can open.</summary>
    public static IHostApplicationBuilder AddPrivacy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PrivacyOptions>().BindConfiguration("Privacy")
            .Validate(o => o.RetentionDays >= 1, "Privacy:RetentionDays is at least 1").ValidateOnStart();
        builder.Services.AddSingleton<PersonalData>();
        builder.Services.AddSingleton<PhoneKeys>();
        builder.Services.AddHostedService<PersonalDataPurge>();
        // Before the key ring writes its first key: the key files are 0600 already, their folder is made 0700 here.
        builder.Services.PostConfigure<KeyManagementOptions>(o =>
        {
            if (o.XmlRepository is FileSystemXmlRepository files) OwnerOnlyFiles.Folder(files.Directory.FullName, ours: true);
        });
        return builder;
    }
}

/// <summary>Configuration section "Privacy".</summary>
public sealed class PrivacyOptions
{
    /// <summary>Days an appointment's name and phone are kept after its slot ends; then they are removed from the store.</summary>
    public int RetentionDays { get; set; } = 30;
}
