//! The made-up accounts the sandbox accepts, public so the page can offer them with one click.
//!
//! They are not secrets: they only open this loopback sandbox. The key shapes mimic the real ones (Alibaba
//! `LTAI…` 24 characters, Huawei 20-character AK and 40-character SK, 32-character project ids) so the
//! console's field validation treats them like real keys.

/// Every credential the sandbox knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DemoCredentials {
    /// Alibaba Cloud (Dds, R-kvstore, Elasticsearch).
    pub alibaba: AlibabaDemo,
    /// Huawei Cloud (TaurusDB, IAM).
    pub huawei: HuaweiDemo,
}

/// An Alibaba AccessKey pair plus a temporary (STS) triple.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AlibabaDemo {
    /// AccessKey ID.
    pub access_key_id: &'static str,
    /// AccessKey secret.
    pub access_key_secret: &'static str,
    /// STS AccessKey ID (temporary credentials; needs the token).
    pub sts_access_key_id: &'static str,
    /// STS AccessKey secret.
    pub sts_access_key_secret: &'static str,
    /// STS security token, sent as `SecurityToken` / `x-acs-security-token`.
    pub sts_security_token: &'static str,
}

/// A Huawei account: permanent AK/SK, temporary AK/SK + token, an IAM user and one project per region.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HuaweiDemo {
    /// Access key (AK).
    pub access_key: &'static str,
    /// Secret key (SK).
    pub secret_key: &'static str,
    /// Temporary AK (needs `X-Security-Token`).
    pub temp_access_key: &'static str,
    /// Temporary SK.
    pub temp_secret_key: &'static str,
    /// Temporary security token.
    pub temp_security_token: &'static str,
    /// Account (domain) name for the IAM password login.
    pub domain_name: &'static str,
    /// Account (domain) id.
    pub domain_id: &'static str,
    /// IAM user name.
    pub user_name: &'static str,
    /// IAM user id.
    pub user_id: &'static str,
    /// IAM user password.
    pub password: &'static str,
    /// The account's projects, one per region.
    pub projects: &'static [HuaweiProject],
}

/// A Huawei project: the region name is also the project name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HuaweiProject {
    /// Region, e.g. `cn-north-4`.
    pub region: &'static str,
    /// Project id (32 hex characters), used in TaurusDB paths and `X-Project-Id`.
    pub project_id: &'static str,
}

/// The sandbox's demo credentials: offer them on the page when the sandbox is running.
pub const DEMO_CREDENTIALS: DemoCredentials = DemoCredentials {
    alibaba: AlibabaDemo {
        access_key_id: "LTAI5tSandboxDemo0000001",
        access_key_secret: "sandboxDemoSecretNotReal000001",
        sts_access_key_id: "STS.NSandboxDemoTemporary01",
        sts_access_key_secret: "sandboxStsSecretNotReal0000001",
        sts_security_token: "CAISsandboxDemoSecurityToken/+=",
    },
    huawei: HuaweiDemo {
        access_key: "HPUASANDBOXDEMO00001",
        secret_key: "SandboxDemoSecretKeyNotReal0000000000001",
        temp_access_key: "HSTSANDBOXDEMOTEMP01",
        temp_secret_key: "SandboxDemoTempSecretKeyNotReal000000001",
        temp_security_token: "gQpjbi1ub3J0aC00sandboxSecurityToken",
        domain_name: "sandbox-account",
        domain_id: "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
        user_name: "sandbox-dba",
        user_id: "1b2c3d4e5f60718293a4b5c6d7e8f90a",
        password: "Sandbox@2024",
        projects: &[
            HuaweiProject {
                region: "cn-north-4",
                project_id: "4f0c3ad1b2e94d8c9a7b6e5f4d3c2b1a",
            },
            HuaweiProject {
                region: "cn-east-3",
                project_id: "5e1d4be2c3fa4e9dab8c7f6e5d4c3b2a",
            },
            HuaweiProject {
                region: "ap-southeast-1",
                project_id: "6f2e5cf3d40b4fae8c9d8a7f6e5d4c3b",
            },
        ],
    },
};

/// A known key: its secret and, for temporary keys, the token that must accompany it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct KnownKey {
    pub(crate) secret: &'static str,
    pub(crate) security_token: Option<&'static str>,
}

/// Looks up an Alibaba AccessKey ID.
pub(crate) fn alibaba_key(access_key_id: &str) -> Option<KnownKey> {
    let a = DEMO_CREDENTIALS.alibaba;
    if access_key_id == a.access_key_id {
        Some(KnownKey {
            secret: a.access_key_secret,
            security_token: None,
        })
    } else if access_key_id == a.sts_access_key_id {
        Some(KnownKey {
            secret: a.sts_access_key_secret,
            security_token: Some(a.sts_security_token),
        })
    } else {
        None
    }
}

/// Looks up a Huawei AK.
pub(crate) fn huawei_key(access_key: &str) -> Option<KnownKey> {
    let h = DEMO_CREDENTIALS.huawei;
    if access_key == h.access_key {
        Some(KnownKey {
            secret: h.secret_key,
            security_token: None,
        })
    } else if access_key == h.temp_access_key {
        Some(KnownKey {
            secret: h.temp_secret_key,
            security_token: Some(h.temp_security_token),
        })
    } else {
        None
    }
}

/// The project of a region name, or of a project id.
pub(crate) fn huawei_project(name_or_id: &str) -> Option<HuaweiProject> {
    DEMO_CREDENTIALS
        .huawei
        .projects
        .iter()
        .copied()
        .find(|p| p.region == name_or_id || p.project_id == name_or_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_look_real() {
        let c = DEMO_CREDENTIALS;
        assert_eq!(c.alibaba.access_key_id.len(), 24);
        assert_eq!(c.alibaba.access_key_secret.len(), 30);
        assert_eq!(c.huawei.access_key.len(), 20);
        assert_eq!(c.huawei.secret_key.len(), 40);
        assert_eq!(c.huawei.temp_secret_key.len(), 40);
        for p in c.huawei.projects {
            assert_eq!(p.project_id.len(), 32);
            assert_eq!(huawei_project(p.region), Some(*p));
        }
        assert!(alibaba_key("nope").is_none());
        assert!(alibaba_key(c.alibaba.sts_access_key_id)
            .unwrap()
            .security_token
            .is_some());
        assert!(huawei_key(c.huawei.access_key).is_some());
    }
}
