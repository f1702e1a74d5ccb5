using PrivateDomainGrains.Core.Keywords;

namespace PrivateDomainGrains.Core.Tests.Keywords;

public sealed class TextFoldTests
{
    [Theory]
    [InlineData("ＡＢＣ", "abc")]
    [InlineData("ａｂｃ１２３！", "abc123!")]
    [InlineData("Oily　Skin", "oily skin")]
    [InlineData("油皮", "油皮")]
    [InlineData("ÉCOLE", "école")]
    public void Folds_full_width_and_case(string text, string folded) => Assert.Equal(folded, TextFold.Fold(text));
}
