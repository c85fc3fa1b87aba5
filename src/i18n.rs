//! Interface text in English and Simplified Chinese. Field labels, help and validation messages come
//! from the core catalog; this table holds only the chrome around them.

use console_core::Lang;
use leptos::prelude::*;

use crate::state::settings::use_settings;

macro_rules! ui_text {
    ($($key:ident => $en:expr, $zh:expr;)*) => {
        /// A piece of interface text. No `Debug`: it would put every key's name into the main module.
        #[derive(Clone, Copy, PartialEq, Eq)]
        pub(crate) enum T { $($key),* }

        impl T {
            /// The text in `lang`.
            pub(crate) const fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((T::$key, Lang::Zh) => $zh, (T::$key, _) => $en,)*
                }
            }
        }
    };
}

ui_text! {
    Tagline => "Managed database engine upgrades, signed in your browser", "托管数据库引擎升级，在浏览器内签名";
    Settings => "Settings", "设置";
    DownloadOpenApi => "Download OpenAPI", "下载 OpenAPI";
    DownloadOpenApiHelp => "The operations as an OpenAPI 3.0 file (upgrade-console-openapi.json), for Swagger UI, Postman or code generators.", "以 OpenAPI 3.0 文件（upgrade-console-openapi.json）导出这些操作，可用于 Swagger UI、Postman 或代码生成器。";
    SandboxBanner => "Sandbox mode: calls go to the built-in simulated clouds, not to your accounts.", "沙箱模式：请求发往内置的模拟云，不会影响您的真实账号。";
    UseDemo => "Use demo credentials", "使用演示凭证";
    DemoInUse => "Demo credentials in use.", "正在使用演示凭证。";
    CloudBanner => "Real clouds: calls change real instances.", "真实云：请求会变更真实实例。";
    ClockSkew => "Your clock differs from the cloud's by", "本机时钟与云端相差";
    ClockSkewFix => "seconds; requests are signed with the cloud's time.", "秒；请求将按云端时间签名。";
    Target => "Send requests to", "请求发送到";
    TargetSandbox => "Built-in sandbox (simulated clouds)", "内置沙箱（模拟云）";
    TargetCloud => "Real clouds (Alibaba Cloud, Huawei Cloud)", "真实云（阿里云、华为云）";
    NoSandbox => "This proxy has no sandbox; requests go to the real clouds.", "该代理没有沙箱；请求将发往真实云。";
    Proxy => "Proxy address", "代理地址";
    ProxyHelp => "Leave empty to use the server that served this page.", "留空则使用提供本页面的服务器。";
    Language => "Language", "语言";
    AlibabaCreds => "Alibaba Cloud AccessKey", "阿里云 AccessKey";
    HuaweiCreds => "Huawei Cloud AK/SK", "华为云 AK/SK";
    KeyId => "AccessKey ID", "AccessKey ID";
    Secret => "AccessKey secret", "AccessKey Secret";
    StsToken => "STS / security token (optional)", "STS / 安全令牌（可选）";
    Apply => "Use these credentials", "使用此凭证";
    Clear => "Clear", "清除";
    InMemory => "held in this page's memory only", "仅保存在本页面内存中";
    NotSet => "Not set.", "未设置。";
    Trimmed => "Whitespace was removed from:", "已去除以下字段的空白字符：";
    IamLogin => "Huawei IAM user (token instead of AK/SK)", "华为云 IAM 用户（使用 Token 代替 AK/SK）";
    IamDomain => "Account (domain) name", "账号名";
    IamUser => "IAM user name", "IAM 用户名";
    IamPassword => "Password", "密码";
    GetToken => "Get token", "获取 Token";
    TokenExpires => "Token valid until", "Token 有效期至";
    Remember => "Remember on this device (encrypted)", "在此设备上记住（加密）";
    RememberHelp => "Secrets are encrypted with your passphrase (AES-GCM, PBKDF2) before they are stored; without it they cannot be read.", "凭证使用您的口令加密（AES-GCM、PBKDF2）后保存；没有口令无法读取。";
    Passphrase => "Passphrase", "口令";
    SaveEncrypted => "Save encrypted", "加密保存";
    Unlock => "Unlock saved credentials", "解锁已保存的凭证";
    Forget => "Forget saved credentials", "删除已保存的凭证";
    Saved => "Saved, encrypted.", "已加密保存。";
    Unlocked => "Unlocked.", "已解锁。";
    Forgotten => "Removed from this device.", "已从此设备删除。";
    Region => "Region", "地域";
    EndpointOverride => "Endpoint override (optional host)", "自定义 Endpoint（可选主机名）";
    ViaSandbox => "simulated by the sandbox", "由沙箱模拟";
    Advanced => "Advanced parameters", "高级参数";
    Preflight => "Pre-flight", "预检";
    Refresh => "Refresh", "刷新";
    Checking => "Checking the instance…", "正在检查实例…";
    PreflightIdle => "Enter credentials and an instance id: the instance's current state appears here.", "填写凭证和实例 ID 后，这里会显示实例的当前状态。";
    CurrentVersion => "Current version", "当前版本";
    Kernel => "Kernel / minor", "内核 / 小版本";
    Status => "Status", "状态";
    Architecture => "Architecture", "架构";
    Health => "Health", "健康状态";
    Window => "Maintenance window", "可维护时间段";
    Targets => "Upgradable to", "可升级到";
    NeedCredentials => "Credentials for this cloud are missing (Settings).", "缺少该云的凭证（见设置）。";
    SendBlocked => "Send is disabled because:", "无法发送，原因：";
    Send => "Review and send", "检查并发送";
    RunChecks => "Run pre-upgrade checks (dry run)", "运行升级前检查（dryRun）";
    Held => "An upgrade of this instance was just sent: see its answer below.", "刚刚已向该实例发送升级，见下方结果。";
    Preview => "Preview request", "预览请求";
    ClearForm => "Clear form", "清空表单";
    FixFirst => "Fix the form first: the preview needs a valid request.", "请先修正表单：预览需要合法的请求。";
    PreviewNote => "Signed now with a fresh nonce and time for display; Send signs again.", "此处为展示而即时签名（新 nonce 与时间）；发送时会重新签名。";
    HttpRequest => "HTTP request (secrets masked)", "HTTP 请求（已隐藏密钥）";
    CanonicalRequest => "Canonical request", "规范请求";
    StringToSign => "String to sign", "待签名字符串";
    AsCurl => "As curl (tokens masked)", "curl 命令（已隐藏令牌）";
    AsCli => "As the vendor CLI", "厂商 CLI 命令";
    Copy => "Copy", "复制";
    ConfirmTitle => "Confirm the upgrade", "确认升级";
    Irreversible => "This upgrade cannot be rolled back.", "该升级无法回滚。";
    TypeInstanceId => "Type the instance id to confirm:", "输入实例 ID 以确认：";
    ConfirmSend => "Upgrade now", "立即升级";
    Cancel => "Cancel", "取消";
    ProxyFailed => "The proxy could not complete the call", "代理未能完成调用";
    NetworkFailed => "No answer: network or proxy unreachable", "无响应：网络或代理不可达";
    Latest => "latest", "最新版本";
    MoreInstances => "more", "个其他实例";
    NotSent => "Not sent: the request did not leave this page", "未发送：请求没有离开本页面";
    Accepted => "Accepted by the cloud", "云端已接受";
    Fix => "Fix:", "解决：";
    SignatureDiff => "Our string to sign (−) against the server's (+)", "本地待签名字符串（−）与服务端（+）对比";
    LookUpProject => "Look up project id for the region", "按地域查询项目 ID";
    NoProject => "IAM returned no project for this region", "IAM 未返回该地域的项目";
    Loading => "Loading…", "加载中…";
    ChunkFailed => "This part of the console could not be loaded: the server did not answer, or it now has a newer version. Check the connection and try again; after an update, reload the page.", "控制台的这一部分未能加载：服务器无响应，或已部署新版本。请检查网络后重试；如已更新，请刷新页面。";
    TryAgain => "Try again", "重试";
    NavLabel => "Operations", "操作";
    HomeTitle => "Upgrade managed database engines", "升级托管数据库引擎";
    HomeIntro => "Pick an operation on the left. Every request is built and signed in this page; your secret never leaves the browser, and calls reach the cloud through the configured proxy.", "请在左侧选择一个操作。每个请求都在本页面内构建并签名；您的密钥不会离开浏览器，调用经由已配置的代理发往云端。";
    NotFound => "Page not found", "页面不存在";
    NotFoundHelp => "This link does not match any operation. Choose one from the navigation.", "此链接不对应任何操作。请从导航中选择一个操作。";
    UnknownOp => "Unknown operation", "未知操作";
    UnknownOpHelp => "This link names no operation. Choose one from the navigation.", "此链接没有指向任何操作。请从导航中选择一个操作。";
}

/// A reactive text getter for views: re-renders when the language changes.
pub(crate) fn tr(key: T) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let settings = use_settings();
    move || key.get(settings.0.with(|s| s.lang))
}
