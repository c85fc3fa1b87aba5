//! The bilingual explanations and fixes per error category.

use super::Category;
use crate::i18n::{pick, Lang, Text};

pub(super) const fn title(c: &Category) -> Text {
    match c {
        Category::SignatureMismatch { .. } => Text::new("Signature mismatch", "签名不匹配"),
        Category::ClockSkew => Text::new("Timestamp rejected", "时间戳被拒绝"),
        Category::Credentials => Text::new("Credentials not accepted", "凭证无效"),
        Category::Permission { .. } => Text::new("Not authorised", "无操作权限"),
        Category::Throttling => Text::new("Rate limited", "请求被限流"),
        Category::Replay => Text::new("Request replayed", "请求被重放"),
        Category::NotFound => Text::new("Not found", "未找到"),
        Category::WrongState => Text::new(
            "Instance not ready for this operation",
            "实例当前不能执行此操作",
        ),
        Category::InvalidParameter => Text::new("Request rejected as invalid", "请求参数无效"),
        Category::UpgradeCheckFailed => Text::new("Upgrade check failed", "升级检查未通过"),
        Category::Unavailable => Text::new("Service error", "服务错误"),
        Category::OutcomeUnknown => Text::new(
            "Outcome unknown: the upgrade may have started",
            "结果未知：升级可能已经开始",
        ),
        Category::Other => Text::new("Cloud error", "云端错误"),
    }
}

pub(super) fn explanation(c: &Category, lang: Lang) -> String {
    let t = match c {
        Category::SignatureMismatch { .. } => Text::new(
            "The cloud computed a different signature for this request. Either the AccessKey secret is wrong (often whitespace pasted with it), or the request changed between signing and arrival (a proxy re-encoding the query, or rewriting Host or a signed header).",
            "云端为该请求计算出的签名与请求中的不同。可能是 AccessKey Secret 有误（常见原因是粘贴时带入了空白字符），或请求在签名后被改动（代理重新编码了查询串，或改写了 Host 或某个已签名的请求头）。",
        ),
        Category::ClockSkew => Text::new(
            "The request's timestamp is outside the cloud's 15-minute window, or malformed. This computer's clock is probably off.",
            "请求的时间戳超出云端允许的 15 分钟范围，或格式有误。本机时钟可能不准。",
        ),
        Category::Credentials => Text::new(
            "The AccessKey ID, security token or IAM token is unknown, disabled or expired, or not valid for this region or project.",
            "AccessKey ID、安全令牌或 IAM Token 不存在、已禁用或已过期，或不适用于该地域或项目。",
        ),
        Category::Permission { action: None } => Text::new(
            "The credentials are valid, but this RAM/IAM user may not call this API on this resource.",
            "凭证有效，但该 RAM/IAM 用户无权对此资源调用该接口。",
        ),
        Category::Permission { action: Some(a) } => {
            return pick(
                lang,
                format!("The credentials are valid, but this RAM/IAM user may not call this API on this resource. It needs the action “{a}”."),
                format!("凭证有效，但该 RAM/IAM 用户无权对此资源调用该接口。需要权限 “{a}”。"),
            )
        }
        Category::Throttling => Text::new(
            "Too many requests in a short time.",
            "短时间内请求过多。",
        ),
        Category::Replay => Text::new(
            "The signature nonce was already used: the same signed request reached the cloud twice.",
            "签名随机数已被使用：同一个已签名的请求被发送到云端两次。",
        ),
        Category::NotFound => Text::new(
            "The instance, or the API itself, was not found at this endpoint.",
            "在该接入地址上未找到实例或接口本身。",
        ),
        Category::WrongState => Text::new(
            "The instance cannot take this call now: it is not in its normal running state, another task is running on it, it is already on the latest version, or its type does not support this upgrade.",
            "实例当前无法执行此调用：实例不在正常运行状态、有其他任务正在执行、已是最新版本，或其类型不支持此升级。",
        ),
        Category::InvalidParameter => Text::new(
            "The cloud rejected a parameter value or a missing parameter; its message says which.",
            "云端拒绝了某个参数值或缺少某个参数；具体见其返回的信息。",
        ),
        Category::UpgradeCheckFailed => Text::new(
            "The cloud checked this upgrade and refused it, so nothing was changed: the target is not the next version on the instance's upgrade path (no downgrades, one version at a time), or its pre-upgrade checks failed. Its message says which.",
            "云端检查了本次升级并拒绝执行，实例未做任何变更：目标版本不是该实例升级路径上的下一个版本（不支持降级，须逐级升级），或升级前检查未通过。具体见其返回的信息。",
        ),
        Category::Unavailable => Text::new(
            "The cloud had an internal error or is temporarily unavailable.",
            "云端发生内部错误或暂时不可用。",
        ),
        Category::OutcomeUnknown => Text::new(
            "The cloud failed while handling this upgrade. It may or may not have carried it out before failing.",
            "云端在处理本次升级时出错，出错前可能已执行、也可能未执行该升级。",
        ),
        Category::Other => Text::new(
            "The cloud returned an error the console does not recognise.",
            "云端返回了控制台无法识别的错误。",
        ),
    };
    t.get(lang).to_owned()
}

pub(super) fn fix(c: &Category, lang: Lang) -> String {
    let t = match c {
        Category::SignatureMismatch { server_string_to_sign: Some(_) } => Text::new(
            "Compare the server's string to sign with ours: if they are identical, the secret is wrong, so paste it again; if they differ, the differing line shows what changed on the way.",
            "对比服务端的待签名字符串与本地的：若两者相同，说明 Secret 有误，请重新粘贴；若不同，差异所在行即为传输途中被改动的部分。",
        ),
        Category::SignatureMismatch { server_string_to_sign: None } => Text::new(
            "Re-enter the AccessKey secret without surrounding spaces. If it is right, check that the proxy forwards the path, query, body and signed headers unchanged and sends the cloud's Host.",
            "重新输入 AccessKey Secret（不带前后空格）。若 Secret 无误，请检查代理是否原样转发路径、查询串、请求体和已签名的请求头，并发送云端的 Host。",
        ),
        Category::ClockSkew => Text::new(
            "Correct this computer's clock, or let the console sign with the cloud's time, and send again (each Send signs anew). If the clock is right, a proxy may be re-encoding the timestamp.",
            "校正本机时钟，或让控制台按云端时间签名，然后重新发送（每次发送都会重新签名）。若时钟无误，可能是代理重新编码了时间戳。",
        ),
        Category::Credentials => Text::new(
            "Check the AccessKey ID and STS token in Settings, or get a new IAM token: tokens are per region and expire after 24 hours.",
            "请在设置中检查 AccessKey ID 和 STS 令牌，或重新获取 IAM Token：Token 按地域签发，24 小时后过期。",
        ),
        Category::Permission { action } => {
            let a = action.as_deref().unwrap_or("the action of this API");
            let a_zh = action.as_deref().unwrap_or("该接口对应的权限");
            return pick(
                lang,
                format!("Ask an administrator to grant “{a}” on this instance (a RAM policy on Alibaba Cloud, an IAM policy on Huawei Cloud), or use an account that has it."),
                format!("请管理员为此实例授予 “{a_zh}”（阿里云为 RAM 策略，华为云为 IAM 策略），或改用具备该权限的账号。"),
            );
        }
        Category::Throttling => Text::new(
            "Wait a little and send again; avoid running many pre-flight reads at once.",
            "稍候再发送；避免同时发起大量预检查请求。",
        ),
        Category::Replay => Text::new(
            "Send again: every Send makes a new nonce, timestamp and signature. If a proxy retries requests on its own, switch that off.",
            "重新发送即可：每次发送都会生成新的随机数、时间戳和签名。如代理会自动重试请求，请关闭该功能。",
        ),
        Category::NotFound => Text::new(
            "Check the instance id, and that the endpoint is in the instance's region; for an unknown API, check the endpoint override and the API version.",
            "请检查实例 ID，以及接入地址是否为实例所在地域；若为接口不存在，请检查自定义接入地址和 API 版本。",
        ),
        Category::WrongState => Text::new(
            "Run pre-flight to see the instance's state, wait for running tasks to finish, and check the upgrade path for this instance type.",
            "运行预检查查看实例状态，等待正在执行的任务结束，并确认该实例类型的升级路径。",
        ),
        Category::InvalidParameter => Text::new(
            "Correct the value the message names (documented lists may be stale, or the target may not be offered for this instance) and send again.",
            "按返回信息修正相应的参数值（文档中的取值列表可能已过时，或该实例不支持此目标版本）后重新发送。",
        ),
        Category::UpgradeCheckFailed => Text::new(
            "If the message names failed checks, run the upgrade with dryRun=true to see each check and how to fix it; if it names the version, choose the next version on the path (pre-flight lists it).",
            "若返回信息列出了未通过的检查项，请以 dryRun=true 运行升级，查看每一项及其修复方法；若提到的是版本，请选择升级路径上的下一个版本（预检查中有列出）。",
        ),
        Category::Unavailable => Text::new(
            "Send again in a moment; if it persists, contact support with the request id.",
            "稍后重新发送；若持续出现，请携带请求 ID 联系技术支持。",
        ),
        Category::OutcomeUnknown => Text::new(
            "Do not send it again yet: pre-flight reads the instance again now. Send again only once it shows that the upgrade did not start; if in doubt, contact support with the request id.",
            "请勿立即重新发送：预检查正在重新读取实例状态。仅当其显示升级未开始时再重新发送；如有疑问，请携带请求 ID 联系技术支持。",
        ),
        Category::Other => Text::new(
            "Read the code and message; the request id helps support find the call.",
            "请查看错误码和错误信息；请求 ID 可帮助技术支持定位该请求。",
        ),
    };
    t.get(lang).to_owned()
}
