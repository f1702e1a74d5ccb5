using System.Net;

namespace PrivateDomainGrains.LoadTest.Api;

/// <summary>The platform answered with something the contract does not allow for this call.</summary>
public sealed class ApiException(string message, HttpStatusCode? status = null) : Exception(message)
{
    public HttpStatusCode? Status { get; } = status;
}
