namespace PrivateDomainGrains.Host.Hubs;

/// <summary>
/// What a console's replay on connect brings (the hub's <c>replaying</c> message, sent before it): the staff member's
/// open nudges as counted just before the first page was read. A console shows <see cref="Open"/> as its count from
/// the first message on, however many pages the replay takes to arrive.
/// </summary>
/// <param name="Open">Open nudges to show in the queue.</param>
/// <param name="Snoozed">Open nudges snoozed until later (replayed with their <c>snoozedUntil</c>, kept aside).</param>
public sealed record ReplayTotals(int Open, int Snoozed);
