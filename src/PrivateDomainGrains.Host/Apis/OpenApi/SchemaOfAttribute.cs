namespace PrivateDomainGrains.Host.Apis.OpenApi;

/// <summary>
/// The document describes the property as <see cref="Type"/> although it is serialized from something looser: a
/// <c>JsonElement</c> passed through as stored, whose shape is that type's.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SchemaOfAttribute(Type type) : Attribute
{
    public Type Type => type;
}
