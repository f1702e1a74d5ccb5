using Orleans.Storage;

namespace PrivateDomainGrains.Grains.Storage;

/// <summary>Orleans grain state as <see cref="StorageJson"/>; rows stay readable with convert_from(payloadbinary, 'UTF8').</summary>
public sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => new(StorageJson.Write(input));

    public T Deserialize<T>(BinaryData input) => StorageJson.Read<T>(input.ToMemory().Span);
}
