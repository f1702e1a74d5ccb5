using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Npgsql;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Integrations.WeCom;

public static class WeComHostingExtensions
{
    /// <summary>Data Protection's application name: nodes must share it, or their payloads are mutually unreadable.</summary>
    public const string DataProtectionApplicationName = "PrivateDomainGrains";
    public const string KeyCertificateKey = "DataProtection:KeyCertificate";
    public const string KeyCertificatePasswordKey = "DataProtection:KeyCertificatePassword";

    /// <summary>
    /// WeCom callbacks: options (section <c>WeCom</c>), the callback handler and its log, and ASP.NET Core Data Protection
    /// with its key ring in PostgreSQL (every node reads and writes the same keys) under a fixed application name (the
    /// default derives it from the content root, which differs between nodes). With <c>DataProtection:KeyCertificate</c>
    /// (a PFX file, password in <c>DataProtection:KeyCertificatePassword</c>) the keys themselves are stored encrypted
    /// with that certificate, so a copy of the database alone does not reveal the tenants' WeCom secrets.
    /// Needs <c>AddPlatformPersistence</c>.
    /// </summary>
    public static WebApplicationBuilder AddWeComCallbacks(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WeComOptions>().BindConfiguration(WeComOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        var dataProtection = builder.Services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<NpgsqlDataSource>((keyManagement, dataSource) => keyManagement.XmlRepository = new DataProtectionKeyRepository(dataSource));
        if (builder.Configuration[KeyCertificateKey] is { Length: > 0 } certificatePath)
            dataProtection.ProtectKeysWithCertificate(
                X509CertificateLoader.LoadPkcs12FromFile(certificatePath, builder.Configuration[KeyCertificatePasswordKey]));

        builder.Services.AddHostedService<DataProtectionKeyRingStartup>();
        builder.Services.AddSingleton<WeComSettingsProtector>();
        builder.Services.AddSingleton<WeComTenantKeys>();
        builder.Services.AddSingleton<WeComCallbackLog>();
        builder.Services.AddSingleton<WeComMetrics>();
        builder.Services.AddSingleton<WeComCallbackHandler>();
        builder.Services.AddHostedService<WeComCallbackPruner>();
        return builder;
    }
}
