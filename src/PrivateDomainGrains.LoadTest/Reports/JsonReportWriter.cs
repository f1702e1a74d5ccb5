using System.Text.Json;
using System.Text.Json.Serialization;

namespace PrivateDomainGrains.LoadTest.Reports;

public static class JsonReportWriter
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Write(RunReport report) => JsonSerializer.Serialize(report, Options);

    public static RunReport Read(string json) =>
        JsonSerializer.Deserialize<RunReport>(json, Options) ?? throw new JsonException("empty report");
}
