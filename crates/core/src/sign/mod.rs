//! Request signing for Alibaba Cloud and Huawei Cloud, as pure functions (sans-IO, like rusty-s3).
//!
//! Every input is a parameter: credentials, time ([`SigningTime`], from `js_sys::Date::now()` in the app
//! and constants in tests) and nonce. Nothing reads a clock, draws random numbers or does I/O, so the code
//! is identical on wasm32 and natively and is tested against the SDK-produced vectors in
//! `tests/vectors/signing.json`. Each scheme returns the request to send plus every intermediate string,
//! for the UI to show when a cloud answers `SignatureDoesNotMatch`.
//!
//! | scheme | function | output |
//! |---|---|---|
//! | Alibaba RPC V1 (HMAC-SHA1) | [`sign_rpc_v1`] | [`RpcV1Signed`] |
//! | Alibaba V3 (ACS3-HMAC-SHA256) | [`sign_acs3`] | [`Acs3Signed`] |
//! | Huawei SDK-HMAC-SHA256 | [`sign_huawei`] | [`HuaweiSigned`] |
//! | Huawei IAM token | [`iam_token_request`], [`parse_iam_token_response`] | [`IamToken`] |
//!
//! ```
//! use console_core::sign::{sign_acs3, Acs3Params, Credentials, SigningTime, UnsignedRequest};
//!
//! // In the app: SigningTime::from_js_millis(js_sys::Date::now()) and a fresh UUID nonce.
//! let time = SigningTime::from_unix_seconds(1_714_550_400)?;
//! let nonce = "e0b9c8d7-6a5f-4e3d-9c2b-1a0f9e8d7c6b";
//! let req = UnsignedRequest::new("POST", "mongodb.aliyuncs.com", "/")
//!     .with_query("DBInstanceId", "dds-bp1a2b3c4d5e6f7g");
//! let creds = Credentials::new("testid", "testsecret");
//! let params = Acs3Params::new("UpgradeDBInstanceKernelVersion", "2015-12-01", nonce, time);
//! let signed = sign_acs3(&req, &creds, &params)?;
//! assert_eq!(signed.request.path_and_query, "/?DBInstanceId=dds-bp1a2b3c4d5e6f7g");
//! assert!(signed.steps.authorization.ends_with(
//!     "Signature=870a2049d7c88ba162098b1bb8e873c9a02389a0b6dfac8799aceb0c315fede6"
//! ));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod alibaba_rpc;
pub mod alibaba_v3;
pub mod canonical;
mod civil;
pub mod credentials;
pub mod digest;
pub mod encode;
pub mod huawei;
pub mod iam_login;
pub mod iam_token;
mod message;
pub mod request;
pub mod scheme;
pub mod skew;
pub mod time;

pub use alibaba_rpc::{sign_rpc_v1, RpcV1Params, RpcV1Placement, RpcV1Signed};
pub use alibaba_v3::{sign_acs3, Acs3HeaderPolicy, Acs3Params, Acs3Signed};
pub use canonical::SignatureSteps;
pub use credentials::{Credentials, CredentialsError, Trimmed};
pub use encode::{canonical_path, canonical_query, percent_encode_strict};
pub use huawei::{sign_huawei, HuaweiParams, HuaweiSigned};
pub use iam_login::{iam_token_request, IamPasswordLogin};
pub use iam_token::{parse_iam_token_response, IamToken, TokenError};
pub use request::{OutgoingRequest, SignError, UnsignedRequest};
pub use scheme::{sign, Scheme, Signed};
pub use skew::{clock_skew, ClockSkew, SKEW_WARN_SECONDS};
pub use time::{SigningTime, TimeError};
