//! The signer's errors in Simplified Chinese (`message(Lang::Zh)`): every variant has a text that differs
//! from the English `Display`, is Chinese, and keeps the variable parts (hosts, headers, codes, lengths).

use console_core::sign::{CredentialsError, SignError, TimeError, TokenError};
use console_core::Lang;

/// Every Chinese text exists, differs from the English one, and keeps the variable parts.
fn check(en: &str, zh: &str, keeps: &[&str]) {
    assert!(!zh.is_empty(), "{en}");
    assert_ne!(en, zh);
    assert!(
        zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{zh}"
    );
    for k in keeps {
        assert!(zh.contains(k), "{zh} lacks {k}");
        assert!(en.contains(k), "{en} lacks {k}");
    }
}

#[test]
fn sign_errors_have_chinese_texts() {
    let cases: [(SignError, &[&str]); 10] = [
        (SignError::InvalidMethod("get".into()), &["\"get\""]),
        (SignError::InvalidHost("a b".into()), &["\"a b\""]),
        (SignError::InvalidHeaderName("x y".into()), &["\"x y\""]),
        (SignError::InvalidHeaderValue("x-h".into()), &["\"x-h\""]),
        (SignError::ReservedHeader("host".into()), &["\"host\""]),
        (
            SignError::ReservedParameter("Signature".into()),
            &["\"Signature\""],
        ),
        (SignError::RpcPathNotRoot("/v1".into()), &["\"/v1\""]),
        (SignError::RpcBodyNotEmpty, &["RPC V1"]),
        (SignError::FormBodyRequiresPost, &["POST"]),
        (SignError::MissingInput("nonce"), &["nonce"]),
    ];
    for (e, keeps) in cases {
        assert_eq!(e.message(Lang::En), e.to_string());
        check(&e.to_string(), &e.message(Lang::Zh), keeps);
    }
    assert!(SignError::MissingInput("API version")
        .message(Lang::Zh)
        .contains("API 版本"));
}

#[test]
fn credentials_errors_have_chinese_texts() {
    let too_long = CredentialsError::TooLong {
        field: "access key ID",
        len: 10_004,
        max: 128,
    };
    let cases: [(CredentialsError, &[&str]); 5] = [
        (CredentialsError::EmptyAccessKeyId, &[]),
        (CredentialsError::EmptySecret, &[]),
        (CredentialsError::InvalidCharacters { field: "secret" }, &[]),
        (
            CredentialsError::NotAscii {
                field: "security token",
            },
            &["ASCII"],
        ),
        (too_long, &["10004", "128"]),
    ];
    for (e, keeps) in cases {
        assert_eq!(e.message(Lang::En), e.to_string());
        check(&e.to_string(), &e.message(Lang::Zh), keeps);
    }
    assert!(CredentialsError::InvalidCharacters { field: "secret" }
        .message(Lang::Zh)
        .starts_with("AccessKey Secret "));
}

#[test]
fn token_errors_have_chinese_texts() {
    let rejected = TokenError::Rejected {
        status: 401,
        code: "APIGW.0301".into(),
        message: "Incorrect IAM authentication information".into(),
    };
    let cases: [(TokenError, &[&str]); 6] = [
        (TokenError::MissingField("IAM user name"), &["IAM"]),
        (TokenError::InvalidHost("iam x".into()), &["\"iam x\""]),
        (
            rejected,
            &[
                "401",
                "APIGW.0301",
                "Incorrect IAM authentication information",
            ],
        ),
        (TokenError::MissingSubjectToken, &["X-Subject-Token"]),
        (
            TokenError::InvalidBody("token.expires_at is missing".into()),
            &["token.expires_at"],
        ),
        (
            TokenError::InvalidBody("the body is not JSON".into()),
            &["JSON"],
        ),
    ];
    for (e, keeps) in cases {
        assert_eq!(e.message(Lang::En), e.to_string());
        check(&e.to_string(), &e.message(Lang::Zh), keeps);
    }
    let bare = TokenError::Rejected {
        status: 500,
        code: String::new(),
        message: String::new(),
    };
    assert_eq!(
        bare.message(Lang::Zh),
        "IAM 拒绝了 Token 请求（HTTP 500）：未提供详细信息"
    );
}

#[test]
fn time_errors_have_chinese_texts() {
    let cases: [(TimeError, &[&str]); 3] = [
        (TimeError::OutOfRange, &["1970–9999"]),
        (
            TimeError::InvalidHttpDate("yesterday".into()),
            &["\"yesterday\"", "Date"],
        ),
        (
            TimeError::InvalidTimestamp("2024-13".into()),
            &["\"2024-13\""],
        ),
    ];
    for (e, keeps) in cases {
        assert_eq!(e.message(Lang::En), e.to_string());
        check(&e.to_string(), &e.message(Lang::Zh), keeps);
    }
}
