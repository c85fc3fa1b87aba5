//! Access keys as the signer takes them: the secret is wiped from memory on drop and never printed.
//!
//! The console keeps credentials in memory only. `Debug` (what panics, logs and `{:?}` show) names the key
//! id but never the secret or the STS token. Keys pasted from a console page or a CSV often carry a
//! trailing space or newline, which the server reports only as `SignatureDoesNotMatch`; [`Credentials::
//! from_pasted`] trims them and says so, so the UI can warn.

use std::fmt;

use zeroize::Zeroizing;

/// An access key (Alibaba AccessKey, Huawei AK/SK) and, for temporary STS credentials, the security token.
#[derive(Clone)]
pub struct Credentials {
    access_key_id: String,
    secret: Zeroizing<String>,
    security_token: Option<Zeroizing<String>>,
}

/// Which fields [`Credentials::from_pasted`] had to trim, so the UI can tell the user that the pasted text
/// carried whitespace (a classic cause of `SignatureDoesNotMatch`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Trimmed {
    /// Whitespace was removed around the access key id.
    pub access_key_id: bool,
    /// Whitespace was removed around the secret.
    pub secret: bool,
    /// Whitespace was removed around the security token.
    pub security_token: bool,
}

impl Trimmed {
    /// True when anything was trimmed: the cue for the UI's warning.
    #[must_use]
    pub const fn any(self) -> bool {
        self.access_key_id || self.secret || self.security_token
    }
}

/// Why pasted credentials were refused; `Display` is the message shown next to the field.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CredentialsError {
    /// Nothing left of the key id after trimming.
    #[error("Enter an access key ID.")]
    EmptyAccessKeyId,
    /// Nothing left of the secret after trimming.
    #[error("Enter the access key secret.")]
    EmptySecret,
    /// A field still contains whitespace or control characters inside it (e.g. two keys pasted at once);
    /// it could never be sent in a header or sign correctly.
    #[error("The {field} contains spaces or control characters; paste exactly one key.")]
    InvalidCharacters {
        /// Which field, as the user knows it ("access key ID", "secret", "security token").
        field: &'static str,
    },
    /// Letters outside ASCII (a key typed in another script, an emoji): no cloud issues such keys, and
    /// the request could not be signed, so it is refused here rather than at the first Send.
    #[error("The {field} contains characters other than ASCII letters, digits and punctuation; cloud access keys never do.")]
    NotAscii {
        /// Which field, as the user knows it.
        field: &'static str,
    },
    /// Far longer than any key the clouds issue (a whole file pasted, say).
    #[error("The {field} is {len} characters long; at most {max} are expected.")]
    TooLong {
        /// Which field, as the user knows it.
        field: &'static str,
        /// Its length in characters.
        len: usize,
        /// The most accepted.
        max: usize,
    },
}

/// Longest key id or secret accepted: issued ones are 20–40 characters.
const MAX_KEY: usize = 128;
/// Longest security token accepted: STS tokens run to a few thousand characters.
const MAX_TOKEN: usize = 16 * 1024;

impl Credentials {
    /// Wraps values as they are (tests, values already validated). Prefer [`Self::from_pasted`] for user
    /// input.
    #[must_use]
    pub fn new(access_key_id: impl Into<String>, secret: impl Into<String>) -> Self {
        Self {
            access_key_id: access_key_id.into(),
            secret: Zeroizing::new(secret.into()),
            security_token: None,
        }
    }

    /// Adds an STS security token (sent as `SecurityToken`, `x-acs-security-token` or `X-Security-Token`).
    #[must_use]
    pub fn with_security_token(mut self, token: impl Into<String>) -> Self {
        self.security_token = Some(Zeroizing::new(token.into()));
        self
    }

    /// Builds credentials from text the user pasted: trims surrounding whitespace from each field and reports
    /// which ones were trimmed; an empty or whitespace-only token counts as "no token".
    ///
    /// # Errors
    /// [`CredentialsError`] when the key id or secret is empty, or a field has whitespace or control
    /// characters inside it.
    pub fn from_pasted(
        access_key_id: &str,
        secret: &str,
        security_token: Option<&str>,
    ) -> Result<(Self, Trimmed), CredentialsError> {
        let id = access_key_id.trim();
        let sk = secret.trim();
        let token = security_token.map(str::trim).filter(|t| !t.is_empty());
        if id.is_empty() {
            return Err(CredentialsError::EmptyAccessKeyId);
        }
        if sk.is_empty() {
            return Err(CredentialsError::EmptySecret);
        }
        check_chars(id, "access key ID", MAX_KEY)?;
        check_chars(sk, "secret", MAX_KEY)?;
        if let Some(t) = token {
            check_chars(t, "security token", MAX_TOKEN)?;
        }
        let trimmed = Trimmed {
            access_key_id: id.len() != access_key_id.len(),
            secret: sk.len() != secret.len(),
            security_token: security_token.is_some_and(|t| t.trim().len() != t.len()),
        };
        let mut creds = Self::new(id, sk);
        if let Some(t) = token {
            creds = creds.with_security_token(t);
        }
        Ok((creds, trimmed))
    }

    /// The public key id (`AccessKeyId`, `Credential=`, `Access=`).
    #[must_use]
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret; only the signing functions should need it.
    #[must_use]
    pub fn secret(&self) -> &str {
        &self.secret
    }

    /// The STS token, if these are temporary credentials.
    #[must_use]
    pub fn security_token(&self) -> Option<&str> {
        self.security_token.as_deref().map(String::as_str)
    }
}

fn check_chars(value: &str, field: &'static str, max: usize) -> Result<(), CredentialsError> {
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(CredentialsError::InvalidCharacters { field });
    }
    if !value.is_ascii() {
        return Err(CredentialsError::NotAscii { field });
    }
    // ASCII from here on: bytes are characters.
    if value.len() > max {
        return Err(CredentialsError::TooLong {
            field,
            len: value.len(),
            max,
        });
    }
    Ok(())
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret", &"<redacted>")
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_secret_and_token() {
        let c = Credentials::new("LTAIkeyid", "s3cr3t-value").with_security_token("CAIS+tok");
        let shown = format!("{c:?} {c:#?}");
        assert!(shown.contains("LTAIkeyid"));
        assert!(!shown.contains("s3cr3t"));
        assert!(!shown.contains("CAIS"));
        assert!(shown.contains("<redacted>"));
    }

    #[test]
    fn pasted_values_are_trimmed_and_reported() {
        let (c, t) = Credentials::from_pasted(" id\n", "sk\t", Some("  ")).unwrap();
        assert_eq!(
            (c.access_key_id(), c.secret(), c.security_token()),
            ("id", "sk", None)
        );
        assert_eq!(
            t,
            Trimmed {
                access_key_id: true,
                secret: true,
                security_token: true
            }
        );
        assert!(t.any());
        let (_, t) = Credentials::from_pasted("id", "sk", Some("tok")).unwrap();
        assert!(!t.any());
    }

    #[test]
    fn pasted_values_are_validated() {
        assert_eq!(
            Credentials::from_pasted(" ", "sk", None).unwrap_err(),
            CredentialsError::EmptyAccessKeyId
        );
        assert_eq!(
            Credentials::from_pasted("id", "", None).unwrap_err(),
            CredentialsError::EmptySecret
        );
        let err = Credentials::from_pasted("id1 id2", "sk", None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "The access key ID contains spaces or control characters; paste exactly one key."
        );
        assert!(Credentials::from_pasted("id", "s\u{0}k", None).is_err());
        assert!(Credentials::from_pasted("id", "sk", Some("a b")).is_err());
        assert_eq!(
            Credentials::from_pasted("密钥😀", "sk", None)
                .unwrap_err()
                .to_string(),
            "The access key ID contains characters other than ASCII letters, digits and punctuation; cloud access keys never do."
        );
        assert_eq!(
            Credentials::from_pasted("id", "秘密", None).unwrap_err(),
            CredentialsError::NotAscii { field: "secret" }
        );
        assert_eq!(
            Credentials::from_pasted(&"L".repeat(10_004), "sk", None).unwrap_err(),
            CredentialsError::TooLong {
                field: "access key ID",
                len: 10_004,
                max: 128
            }
        );
        let token = "t".repeat(4000);
        let (c, _) = Credentials::from_pasted(&"L".repeat(128), "sk", Some(&token)).unwrap();
        assert_eq!(c.access_key_id().len(), 128);
    }
}
