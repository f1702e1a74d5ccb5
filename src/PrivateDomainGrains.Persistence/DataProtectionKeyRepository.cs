using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// The ASP.NET Core Data Protection key ring in PostgreSQL (<c>pdg_data_protection_keys</c>), so that every node of a
/// cluster protects and unprotects with the same keys: a secret one node stored, any node can read. The key manager
/// calls this rarely (at start, on its periodic refresh, when it creates or revokes a key), which is why the
/// synchronous <see cref="IXmlRepository"/> contract is acceptable here.
/// </summary>
public sealed class DataProtectionKeyRepository(NpgsqlDataSource dataSource) : IXmlRepository
{
    /// <summary>Every stored element (keys and revocations), oldest first.</summary>
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = dataSource.OpenConnection();
        using var command = new NpgsqlCommand("SELECT xml FROM pdg_data_protection_keys ORDER BY id", connection);
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read()) elements.Add(XElement.Parse(reader.GetString(0)));
        return elements;
    }

    /// <summary>Adds one element; nothing is ever updated, as the key manager expects of a repository.</summary>
    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = dataSource.OpenConnection();
        using var command = new NpgsqlCommand("INSERT INTO pdg_data_protection_keys (friendly_name, xml) VALUES ($1, $2)", connection);
        command.Parameters.AddWithValue(friendlyName);
        command.Parameters.AddWithValue(element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }
}
