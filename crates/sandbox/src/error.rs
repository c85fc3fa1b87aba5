//! Errors as the clouds write them. One [`ApiError`] value (status, code, message) is rendered in the body
//! shape of whoever "answers": Alibaba's POP gateway, Huawei's API gateway and services, or Keystone (IAM).

use serde_json::{json, Value};

/// Which cloud front end answers a request: decides the error body shape and the request-id header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Family {
    /// Alibaba POP gateway, with the product name used in `Recommend` links.
    Alibaba(&'static str),
    /// Huawei APIG / TaurusDB service.
    Huawei,
    /// Huawei IAM's Keystone token API (its own error shape for a wrong password).
    Keystone,
}

/// A failed call: HTTP status, the cloud's error code and message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ApiError {
    pub(crate) status: u16,
    pub(crate) code: String,
    pub(crate) message: String,
}

impl ApiError {
    /// Any error.
    pub(crate) fn new(status: u16, code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            status,
            code: code.into(),
            message: message.into(),
        }
    }

    /// Alibaba's `Missing{Name}` (400) for an absent required parameter.
    pub(crate) fn missing(name: &str) -> Self {
        Self::new(
            400,
            format!("Missing{name}"),
            format!("{name} is mandatory for this action."),
        )
    }

    /// Alibaba's `InvalidParameter` (400) with a specific message.
    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Self::new(400, "InvalidParameter", message)
    }

    /// Huawei `DBS.200001` (400): a parameter error.
    pub(crate) fn dbs_param(message: impl Into<String>) -> Self {
        Self::new(400, "DBS.200001", message)
    }

    /// Huawei gateway `APIGW.0301` (401): IAM authentication failed, with the detail after the colon.
    pub(crate) fn apigw_auth(detail: impl AsRef<str>) -> Self {
        Self::new(
            401,
            "APIGW.0301",
            format!(
                "Incorrect IAM authentication information: {}",
                detail.as_ref()
            ),
        )
    }

    /// The JSON body in `family`'s shape.
    pub(crate) fn body(&self, family: Family, request_id: &str, host: &str) -> Value {
        match family {
            Family::Alibaba(product) => json!({
                "RequestId": request_id,
                "HostId": host,
                "Code": self.code,
                "Message": self.message,
                "Recommend": format!(
                    "https://api.aliyun.com/troubleshoot?q={}&product={product}&requestId={request_id}",
                    self.code
                ),
            }),
            Family::Huawei => json!({
                "error_msg": self.message,
                "error_code": self.code,
                "request_id": request_id,
            }),
            Family::Keystone => json!({
                "error": {
                    "code": self.status,
                    "message": self.message,
                    "title": self.code,
                }
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let e = ApiError::missing("DBInstanceId");
        let b = e.body(Family::Alibaba("Dds"), "RID", "127.0.0.1:9000");
        assert_eq!(b["Code"], "MissingDBInstanceId");
        assert_eq!(b["HostId"], "127.0.0.1:9000");
        assert!(b["Recommend"].as_str().unwrap().contains("product=Dds"));
        let h = ApiError::apigw_auth("x").body(Family::Huawei, "r", "h");
        assert_eq!(h["error_code"], "APIGW.0301");
        assert_eq!(
            h["error_msg"],
            "Incorrect IAM authentication information: x"
        );
        let k = ApiError::new(401, "Unauthorized", "m").body(Family::Keystone, "r", "h");
        assert_eq!(k["error"]["code"], 401);
    }
}
