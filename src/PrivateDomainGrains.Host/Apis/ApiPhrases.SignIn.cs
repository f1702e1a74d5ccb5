using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Host.Apis;

// Sign-in (AuthApi)
public static partial class ApiPhrases
{
    public static readonly Phrase SignInsLimited = new("Too many failed sign-ins for '{0}': try again in {1:0} s", "'{0}' 登录失败次数过多：请 {1:0} 秒后再试");
    public static readonly Phrase WrongPassword = new("Unknown staff member or wrong password", "员工不存在或密码错误");
    public static readonly Phrase ConsoleTokenNeeded = new(
        "This route needs a valid, unexpired console token as 'Authorization: Bearer <token>': sign in again",
        "此路由需要有效且未过期的控制台令牌，以 'Authorization: Bearer <token>' 发送：请重新登录");
    public static readonly Phrase StaffDisabled = new("Staff member '{0}' is disabled", "员工 '{0}' 已被停用");
}
