using System.Net.Sockets;
using System.Text;

namespace PrivateDomainGrains.FunctionalTests.Infrastructure;

/// <summary>
/// Sends only the headers of a request announcing a large body and reads the status line: the server must refuse an
/// oversized body from its Content-Length alone, before a byte of it arrives.
/// </summary>
public static class RawHttp
{
    public static async Task<int> StatusForHeadersOnlyAsync(Uri node, string path, string bearer, long contentLength)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(node.Host, node.Port);
        var stream = tcp.GetStream();
        var headers = $"POST {path} HTTP/1.1\r\nHost: {node.Authority}\r\nAuthorization: Bearer {bearer}\r\n" +
                      $"Content-Type: application/json\r\nContent-Length: {contentLength}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(headers));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(15)) ?? "";
        return int.Parse(statusLine.Split(' ')[1]);
    }
}
