using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using PrivateDomainGrains.Host.Hosting;

namespace PrivateDomainGrains.FunctionalTests.WeCom;

/// <summary>With a key-encryption certificate configured, the Data Protection keys themselves are stored encrypted.</summary>
public sealed class WeComKeyRingCertificateTests : IAsyncLifetime
{
    private const string Password = "test-pfx-password";
    private readonly TestDatabase _database = new();
    private readonly string _certificatePath = Path.Combine(Path.GetTempPath(), $"pdg-dp-{Guid.NewGuid():N}.pfx");

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=pdg-data-protection-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        await File.WriteAllBytesAsync(_certificatePath, certificate.Export(X509ContentType.Pfx, Password));
    }

    private Task<PlatformNode> StartAsync() => PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "wecom-certificate"),
        "--" + DataProtectionHostingExtensions.KeyCertificateKey, _certificatePath, "--" + DataProtectionHostingExtensions.KeyCertificatePasswordKey, Password);

    [Fact]
    public async Task Keys_are_stored_encrypted_and_a_restarted_node_decrypts_them_to_verify_callbacks()
    {
        await using (var first = await StartAsync())
        {
            using var api = new PlatformClient(first.BaseAddress);
            await api.ProvisionAsync("acme", "alice");
            await api.Api.WeCom.PutSettingsAsync(WeComPlatform.CorpId, WeComPlatform.Token, WeComPlatform.EncodingAesKey);
        }

        var keys = await _database.ScalarAsync<string>("SELECT string_agg(xml, '') FROM pdg_data_protection_keys");
        Assert.Contains("encryptedSecret", keys);
        Assert.DoesNotContain("<masterKey", keys);

        await using var restarted = await StartAsync();
        using var weCom = new WeComServer(restarted.BaseAddress, "acme", WeComPlatform.Token, WeComPlatform.EncodingAesKey, WeComPlatform.CorpId);
        var response = await weCom.PostAsync(weCom.Sign(weCom.FriendAdded("alice", "wmAfterRestart01", DateTimeOffset.UtcNow.ToUnixTimeSeconds())));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async Task DisposeAsync()
    {
        File.Delete(_certificatePath);
        await _database.DisposeAsync();
    }
}
