//! A cloud answer as the tests read it: status, headers, JSON body, and the error code/message of
//! either cloud.

use serde_json::Value;

/// One answer.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    /// Alibaba `Code` or Huawei `error_code`.
    pub fn code(&self) -> &str {
        self.body["Code"]
            .as_str()
            .or_else(|| self.body["error_code"].as_str())
            .unwrap_or("")
    }
    pub fn message(&self) -> &str {
        self.body["Message"]
            .as_str()
            .or_else(|| self.body["error_msg"].as_str())
            .unwrap_or("")
    }
}
