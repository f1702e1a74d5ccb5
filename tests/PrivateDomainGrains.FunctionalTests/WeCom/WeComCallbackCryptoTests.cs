using PrivateDomainGrains.Host.Integrations.WeCom;

namespace PrivateDomainGrains.FunctionalTests.WeCom;

/// <summary>
/// Pure tests of the callback crypto against WeCom's own published samples, not only round trips of our own encryption.
/// </summary>
public sealed class WeComCallbackCryptoTests
{
    /// <summary>
    /// WeCom team's Python sample (README: "abelzhu@tencent.com(企业微信团队)"):
    /// github.com/sbzhu/weworkapi_python, callback/Sample.py (commit 27220fbe9d5251d46101e33751568eae9f413666).
    /// </summary>
    private static class PythonSample
    {
        public const string Token = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo";
        public const string EncodingAesKey = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt";
        public const string CorpId = "ww1436e0e65a779aee";

        public const string VerifyMsgSignature = "012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb";
        public const string VerifyTimestamp = "1476416373";
        public const string VerifyNonce = "47744683";
        public const string VerifyEchoStr = "fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==";

        public const string MsgSignature = "0c3914025cb4b4d68103f6bfc8db550f79dcf48e";
        public const string Timestamp = "1476422779";
        public const string Nonce = "1597212914";
        public const string Body = "<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName>\n<Encrypt><![CDATA[Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+]]></Encrypt>\n<AgentID><![CDATA[1000002]]></AgentID>\n</xml>";
    }

    /// <summary>
    /// WeCom team's PHP sample (the same values as WeCom's document "加解密方案说明", developer.work.weixin.qq.com/document/path/90968):
    /// github.com/sbzhu/weworkapi_php, callback/Sample.php (commit 0855251597a9879090766fae9d475e2ef91f28bd).
    /// </summary>
    private static class PhpSample
    {
        public const string Token = "QDG6eK";
        public const string EncodingAesKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
        public const string CorpId = "wx5823bf96d3bd56c7";

        public const string VerifyMsgSignature = "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3";
        public const string VerifyTimestamp = "1409659589";
        public const string VerifyNonce = "263014780";
        public const string VerifyEchoStr = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";

        public const string MsgSignature = "477715d11cdb4164915debcba66cb864d751f3e6";
        public const string Timestamp = "1409659813";
        public const string Nonce = "1372623149";
        public const string Encrypt = "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==";
    }

    [Fact]
    public void The_url_verification_sample_of_the_python_library_verifies_and_decrypts_to_its_echo()
    {
        var crypto = new WeComCallbackCrypto(PythonSample.Token, PythonSample.EncodingAesKey, PythonSample.CorpId);

        Assert.True(crypto.IsSignedBy(PythonSample.VerifyMsgSignature, PythonSample.VerifyTimestamp, PythonSample.VerifyNonce, PythonSample.VerifyEchoStr));
        var plaintext = crypto.Decrypt(PythonSample.VerifyEchoStr);
        Assert.Equal(PythonSample.CorpId, plaintext.ReceiveId);
        Assert.Matches("^[0-9]+$", plaintext.Message);
    }

    [Fact]
    public void The_message_sample_of_the_python_library_verifies_and_decrypts_to_a_text_message_for_its_corp()
    {
        var crypto = new WeComCallbackCrypto(PythonSample.Token, PythonSample.EncodingAesKey, PythonSample.CorpId);
        var encrypt = WeComXml.ReadFields(PythonSample.Body)["Encrypt"];

        Assert.True(crypto.IsSignedBy(PythonSample.MsgSignature, PythonSample.Timestamp, PythonSample.Nonce, encrypt));
        var plaintext = crypto.Decrypt(encrypt);
        Assert.Equal(PythonSample.CorpId, plaintext.ReceiveId);
        var fields = WeComXml.ReadFields(plaintext.Message);
        Assert.Equal(("ww1436e0e65a779aee", "text", "1000002"), (fields["ToUserName"], fields["MsgType"], fields["AgentID"]));
    }

    [Fact]
    public void The_url_verification_sample_of_the_php_library_verifies_and_decrypts_to_its_echo()
    {
        var crypto = new WeComCallbackCrypto(PhpSample.Token, PhpSample.EncodingAesKey, PhpSample.CorpId);

        Assert.True(crypto.IsSignedBy(PhpSample.VerifyMsgSignature, PhpSample.VerifyTimestamp, PhpSample.VerifyNonce, PhpSample.VerifyEchoStr));
        var plaintext = crypto.Decrypt(PhpSample.VerifyEchoStr);
        Assert.Equal(PhpSample.CorpId, plaintext.ReceiveId);
        Assert.Matches("^[0-9]+$", plaintext.Message);
    }

    [Fact]
    public void The_message_sample_of_the_php_library_decrypts_to_the_plaintext_the_sample_documents()
    {
        var crypto = new WeComCallbackCrypto(PhpSample.Token, PhpSample.EncodingAesKey, PhpSample.CorpId);

        Assert.Equal(PhpSample.MsgSignature, crypto.Signature(PhpSample.Timestamp, PhpSample.Nonce, PhpSample.Encrypt));
        var plaintext = crypto.Decrypt(PhpSample.Encrypt);
        Assert.Equal(PhpSample.CorpId, plaintext.ReceiveId);
        var fields = WeComXml.ReadFields(plaintext.Message);
        // Sample.php's comment gives the plaintext: a text message "hello" from mycreate, CreateTime 1409659813, AgentID 218.
        Assert.Equal(("wx5823bf96d3bd56c7", "mycreate", "1409659813", "text", "hello", "4561255354251345929", "218"),
            (fields["ToUserName"], fields["FromUserName"], fields["CreateTime"], fields["MsgType"], fields["Content"], fields["MsgId"], fields["AgentID"]));
    }

    [Fact]
    public void A_signature_made_with_another_token_or_over_other_values_does_not_verify()
    {
        var crypto = new WeComCallbackCrypto(PhpSample.Token, PhpSample.EncodingAesKey, PhpSample.CorpId);
        var otherToken = new WeComCallbackCrypto("QDG6eL", PhpSample.EncodingAesKey, PhpSample.CorpId);

        Assert.False(otherToken.IsSignedBy(PhpSample.MsgSignature, PhpSample.Timestamp, PhpSample.Nonce, PhpSample.Encrypt));
        Assert.False(crypto.IsSignedBy(PhpSample.MsgSignature, "1409659814", PhpSample.Nonce, PhpSample.Encrypt));
        Assert.False(crypto.IsSignedBy(PhpSample.MsgSignature, PhpSample.Timestamp, "1372623150", PhpSample.Encrypt));
        Assert.False(crypto.IsSignedBy(PhpSample.MsgSignature, PhpSample.Timestamp, PhpSample.Nonce, "A" + PhpSample.Encrypt[1..]));
        Assert.True(crypto.IsSignedBy(PhpSample.MsgSignature.ToUpperInvariant(), PhpSample.Timestamp, PhpSample.Nonce, PhpSample.Encrypt));
    }

    [Fact]
    public void A_ciphertext_under_another_key_fails_to_decrypt_or_names_no_corp_of_ours()
    {
        var crypto = new WeComCallbackCrypto(PhpSample.Token, PythonSample.EncodingAesKey, PhpSample.CorpId);

        // With the wrong key the padding is almost always invalid; if by chance it is not, the receive id is garbage.
        try
        {
            Assert.NotEqual(PhpSample.CorpId, crypto.Decrypt(PhpSample.Encrypt).ReceiveId);
        }
        catch (WeComCryptoException)
        {
        }
        Assert.Throws<WeComCryptoException>(() => crypto.Decrypt("not base64!"));
        Assert.Throws<WeComCryptoException>(() => crypto.Decrypt(Convert.ToBase64String(new byte[17])));
    }

    [Fact]
    public void What_we_encrypt_decrypts_with_wecoms_format_padded_to_32_byte_blocks()
    {
        var crypto = new WeComCallbackCrypto(PhpSample.Token, PhpSample.EncodingAesKey, PhpSample.CorpId);

        foreach (var message in new[] { "", "<xml>你好</xml>", new string('x', 12), new string('y', 200) })
        {
            var ciphertext = crypto.Encrypt(message);
            Assert.Equal(0, Convert.FromBase64String(ciphertext).Length % WeComCallbackCrypto.PaddingBlockSize);
            Assert.Equal(new WeComPlaintext(message, PhpSample.CorpId), crypto.Decrypt(ciphertext));
        }
        Assert.NotEqual(crypto.Encrypt("same"), crypto.Encrypt("same"));
    }
}
