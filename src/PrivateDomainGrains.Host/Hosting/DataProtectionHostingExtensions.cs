using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Hosting;

public static class DataProtectionHostingExtensions
{
    /// <summary>Data Protection's application name: nodes must share it, or their payloads are mutually unreadable.</summary>
    public const string ApplicationName = "PrivateDomainGrains";
    public const string KeyCertificateKey = "DataProtection:KeyCertificate";
    public const string KeyCertificatePasswordKey = "DataProtection:KeyCertificatePassword";

    /// <summary>
    /// ASP.NET Core Data Protection (secrets stored encrypted, such as tenants' WeCom keys) with its key ring in
    /// PostgreSQL (<see cref="DataProtectionKeys"/>: every node reads and writes the same keys) under a fixed application
    /// name (the default derives it from the content root, which differs between nodes). With
    /// <c>DataProtection:KeyCertificate</c> (a PFX file, password in <c>DataProtection:KeyCertificatePassword</c>) the
    /// keys themselves are stored encrypted with that certificate, so a copy of the database alone reveals no secret.
    /// Needs <c>AddPlatformPersistence</c>.
    /// </summary>
    public static WebApplicationBuilder AddPlatformDataProtection(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DataProtectionKeys>();
        // Before AddDataProtection: hosted services start in registration order, and Data Protection registers one of
        // its own that loads (and, on an empty ring, creates) a first key outside the lock; after ours it finds the key.
        builder.Services.AddHostedService<DataProtectionKeyRingStartup>();
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<DataProtectionKeys>((keyManagement, keys) => keyManagement.XmlRepository = new PostgresXmlRepository(keys));
        if (builder.Configuration[KeyCertificateKey] is { Length: > 0 } certificatePath)
            dataProtection.ProtectKeysWithCertificate(
                X509CertificateLoader.LoadPkcs12FromFile(certificatePath, builder.Configuration[KeyCertificatePasswordKey]));
        return builder;
    }

    private sealed class PostgresXmlRepository(DataProtectionKeys keys) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements() => keys.ReadAll();

        public void StoreElement(XElement element, string friendlyName) => keys.Add(element, friendlyName);
    }
}
