using System.Text.Json;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Webhooks;

/// <summary>
/// The body of a webhook request, the same on every attempt:
/// <c>{"id","type","tenant","sequence","occurredAt","customerId","data":{...}}</c>. <c>id</c> is the notification id
/// (also <c>webhook-id</c>); <c>sequence</c> increases in the order the changes committed, so a receiver orders one
/// customer's notifications by it (deliveries run in parallel and retries come later: arrival order is not the order).
/// </summary>
public static class WebhookPayload
{
    public static byte[] Serialize(WebhookDeliveryRow delivery)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("id", delivery.NotificationId);
            writer.WriteString("type", delivery.Type);
            writer.WriteString("tenant", delivery.Tenant);
            writer.WriteNumber("sequence", delivery.Id);
            writer.WriteString("occurredAt", delivery.OccurredAt.ToUniversalTime());
            if (delivery.CustomerId is { } customer) writer.WriteString("customerId", customer);
            else writer.WriteNull("customerId");
            writer.WritePropertyName("data");
            writer.WriteRawValue(delivery.Data);
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }
}
