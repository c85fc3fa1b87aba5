//! The text formats fields must match: instance ids, tokens, versions, region ids.
//!
//! Each [`Format`] carries a hand-written checker (no `regex` crate in the wasm bundle), the equivalent
//! regular expression for the OpenAPI export and HTML `pattern` attributes (a host-only test keeps the two
//! in agreement), a bilingual hint and an example. Id formats are permissive on length (real ids vary) but
//! strict on prefix and character set, which is what catches a pasted id of the wrong product.

use serde::{Serialize, Serializer};

use crate::i18n::Text;

/// A named text format. Compared and serialised by `id`.
#[derive(Clone, Copy, Debug)]
pub struct Format {
    /// Stable identifier (`dds-instance-id`).
    pub id: &'static str,
    /// ECMAScript/Rust-compatible regular expression equivalent to [`Format::matches`], anchored.
    pub pattern: &'static str,
    /// Longest accepted value, for `maxlength`.
    pub max_len: usize,
    /// What the value should look like, in words, without an example: a format is shared by fields of
    /// several operations, so a message quotes the field's own example after the hint, once.
    pub hint: Text,
    /// A value that matches, for the format's self-check and the pre-flight id checks; field messages
    /// quote [`crate::field::FieldSpec::example`] instead.
    pub example: &'static str,
    check: fn(&str) -> bool,
}

impl Format {
    /// Whether `value` (already trimmed) has this format.
    #[must_use]
    pub fn matches(&self, value: &str) -> bool {
        value.len() <= self.max_len && (self.check)(value)
    }
}

impl PartialEq for Format {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for Format {}

impl Serialize for Format {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id)
    }
}

fn lower_alnum(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

fn digits(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// `n` dot-separated groups of 1..=`width` digits, `parts` within `min..=max`.
fn dotted(s: &str, min: usize, max: usize, width: usize) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    (min..=max).contains(&parts.len()) && parts.iter().all(|p| digits(p, 1, width))
}

/// `6.7`, `6.7.0`, `7.10_with_X-Pack`: an Elasticsearch engine version (`type=engineVersion`).
#[must_use]
pub fn is_es_engine_version(s: &str) -> bool {
    let (number, edition) = match s.split_once("_with_") {
        Some((n, e)) => (n, Some(e)),
        None => (s, None),
    };
    dotted(number, 2, 3, 3)
        && edition.is_none_or(|e| {
            (1..=20).contains(&e.len()) && e.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

/// `ali1.2.0`: an Elasticsearch kernel patch version (`type=aliVersion`).
#[must_use]
pub fn is_es_ali_version(s: &str) -> bool {
    s.strip_prefix("ali")
        .is_some_and(|rest| dotted(rest, 3, 3, 3))
}

/// Dds instance id.
pub static DDS_INSTANCE_ID: Format = Format {
    id: "dds-instance-id",
    pattern: "^dds-[a-z0-9]{6,40}$",
    max_len: 44,
    hint: Text::new(
        "“dds-” followed by 6–40 lower-case letters or digits",
        "“dds-” 后接 6–40 位小写字母或数字",
    ),
    example: "dds-bp1a2b3c4d5e6f7g",
    check: |s| {
        s.strip_prefix("dds-")
            .is_some_and(|r| lower_alnum(r, 6, 40))
    },
};

/// R-kvstore (Redis/Tair) instance id.
pub static REDIS_INSTANCE_ID: Format = Format {
    id: "redis-instance-id",
    pattern: "^r-[a-z0-9]{6,40}$",
    max_len: 42,
    hint: Text::new(
        "“r-” followed by 6–40 lower-case letters or digits",
        "“r-” 后接 6–40 位小写字母或数字",
    ),
    example: "r-bp1a2b3c4d5e6f7g",
    check: |s| s.strip_prefix("r-").is_some_and(|r| lower_alnum(r, 6, 40)),
};

/// Elasticsearch instance id: `es-` + a 2–4 letter site code (`cn`, `sg`…) + `-` + the id proper.
pub static ES_INSTANCE_ID: Format = Format {
    id: "es-instance-id",
    pattern: "^es-[a-z]{2,4}-[a-z0-9]{6,40}$",
    max_len: 48,
    hint: Text::new(
        "“es-”, a 2–4 letter site code, “-”, then 6–40 lower-case letters or digits",
        "“es-”、2–4 位小写字母的站点代码、“-”，再接 6–40 位小写字母或数字",
    ),
    example: "es-cn-abc123def456",
    check: |s| {
        s.strip_prefix("es-")
            .and_then(|r| r.split_once('-'))
            .is_some_and(|(site, id)| {
                (2..=4).contains(&site.len())
                    && site.bytes().all(|b| b.is_ascii_lowercase())
                    && lower_alnum(id, 6, 40)
            })
    },
};

/// Alibaba/Huawei region id (`cn-hangzhou`, `ap-southeast-1`, `cn-north-4`).
pub static REGION_ID: Format = Format {
    id: "region-id",
    pattern: "^[a-z]{2,4}(-[a-z0-9]+){1,4}$",
    max_len: 32,
    hint: Text::new(
        "a region id of lower-case letters, digits and “-”",
        "由小写字母、数字和 “-” 组成的地域 ID",
    ),
    example: "cn-hangzhou",
    check: |s| {
        let mut parts = s.split('-');
        let head = parts.next().unwrap_or("");
        let rest: Vec<&str> = parts.collect();
        (2..=4).contains(&head.len())
            && head.bytes().all(|b| b.is_ascii_lowercase())
            && (1..=4).contains(&rest.len())
            && rest.iter().all(|p| lower_alnum(p, 1, 32))
    },
};

/// Elasticsearch idempotency token: at most 64 printable ASCII characters.
pub static CLIENT_TOKEN: Format = Format {
    id: "client-token",
    pattern: "^[\\x20-\\x7E]{1,64}$",
    max_len: 64,
    hint: Text::new(
        "at most 64 printable ASCII characters (a UUID works)",
        "不超过 64 个可打印 ASCII 字符（可使用 UUID）",
    ),
    example: "5A2CFF0E-5718-45B5-9D4D-70B3FF389811",
    check: |s| !s.is_empty() && s.bytes().all(|b| (b' '..=b'~').contains(&b)),
};

/// A major version written `M.m` (Dds `EngineVersion`, R-kvstore `MajorVersion`).
pub static MAJOR_VERSION: Format = Format {
    id: "major-version",
    pattern: "^[0-9]{1,2}\\.[0-9]{1,2}$",
    max_len: 5,
    hint: Text::new("a version", "版本号"),
    example: "7.0",
    check: |s| dotted(s, 2, 2, 2),
};

/// Elasticsearch target: `6.7`-style (engine) or `ali1.2.0`-style (kernel patch).
pub static ES_VERSION: Format = Format {
    id: "es-version",
    pattern: "^([0-9]{1,3}(\\.[0-9]{1,3}){1,2}(_with_[A-Za-z0-9-]{1,20})?|ali[0-9]{1,3}(\\.[0-9]{1,3}){2})$",
    max_len: 40,
    hint: Text::new(
        "an engine version (two or three dot-separated numbers, optionally followed by “_with_” and an edition) or a kernel version (“ali” followed by three dot-separated numbers)",
        "引擎版本（两段或三段以点分隔的数字，可后接 “_with_” 和版本类型）或内核版本（“ali” 后接三段以点分隔的数字）",
    ),
    example: "7.10",
    check: |s| is_es_engine_version(s) || is_es_ali_version(s),
};

/// A small integer code (values of `SwitchMode` beyond the documented ones).
pub static SMALL_INTEGER: Format = Format {
    id: "small-integer",
    pattern: "^[0-9]{1,3}$",
    max_len: 3,
    hint: Text::new("a number of up to 3 digits", "不超过 3 位的数字"),
    example: "0",
    check: |s| digits(s, 1, 3),
};

/// An API keyword (values of `EffectiveTime`, ES `type`, `updateStrategy` beyond the documented ones).
pub static KEYWORD: Format = Format {
    id: "keyword",
    pattern: "^[A-Za-z][A-Za-z0-9_]{0,31}$",
    max_len: 32,
    hint: Text::new(
        "a keyword of letters, digits and “_”",
        "由字母、数字和 “_” 组成的关键字",
    ),
    example: "Immediately",
    check: |s| {
        s.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
            && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    },
};

/// A lower-case language tag (`X-Language`).
pub static LANGUAGE_TAG: Format = Format {
    id: "language-tag",
    pattern: "^[a-z]{2}-[a-z]{2}$",
    max_len: 5,
    hint: Text::new(
        "a language tag: two lower-case letters, “-”, two lower-case letters",
        "语言标签：两位小写字母、“-”、两位小写字母",
    ),
    example: "en-us",
    check: |s| {
        s.split_once('-').is_some_and(|(a, b)| {
            [a, b]
                .iter()
                .all(|p| p.len() == 2 && p.bytes().all(|c| c.is_ascii_lowercase()))
        })
    },
};

/// Huawei project id: 32 letters or digits.
pub static PROJECT_ID: Format = Format {
    id: "project-id",
    pattern: "^[0-9A-Za-z]{32}$",
    max_len: 32,
    hint: Text::new(
        "32 letters or digits (My Credentials → API Credentials, or the IAM projects API)",
        "32 位字母或数字（“我的凭证 → API 凭证”，或 IAM 项目接口）",
    ),
    example: "0123456789abcdef0123456789abcdef",
    check: |s| s.len() == 32 && s.bytes().all(|b| b.is_ascii_alphanumeric()),
};

/// TaurusDB instance id: 32 lower-case letters or digits ending in `in07` (36 characters).
pub static TAURUS_INSTANCE_ID: Format = Format {
    id: "taurusdb-instance-id",
    pattern: "^[0-9a-z]{32}in07$",
    max_len: 36,
    hint: Text::new(
        "36 characters: 32 lower-case letters or digits followed by “in07”",
        "36 个字符：32 位小写字母或数字，后接 “in07”",
    ),
    example: "61a4ea66210545909d74a05c27a7179ein07",
    check: |s| {
        s.strip_suffix("in07")
            .is_some_and(|r| lower_alnum(r, 32, 32))
    },
};

/// TaurusDB kernel version: 2–5 dot-separated numbers (`2.0.28.1`).
pub static TAURUS_VERSION: Format = Format {
    id: "taurusdb-version",
    // Build numbers run to six digits (ShowInstanceDatabaseVersion reports e.g. 2.0.45.230950).
    pattern: "^[0-9]{1,8}(\\.[0-9]{1,8}){1,4}$",
    max_len: 40,
    hint: Text::new(
        "a kernel version of 2–5 dot-separated numbers (ShowInstanceDatabaseVersion → current_version)",
        "由 2–5 段以点分隔的数字组成的内核版本（ShowInstanceDatabaseVersion → current_version）",
    ),
    example: "2.0.28.1",
    check: |s| dotted(s, 2, 5, 8),
};

/// Every format, for the agreement test and the OpenAPI export.
pub static ALL: &[&Format] = &[
    &DDS_INSTANCE_ID,
    &REDIS_INSTANCE_ID,
    &ES_INSTANCE_ID,
    &REGION_ID,
    &CLIENT_TOKEN,
    &MAJOR_VERSION,
    &ES_VERSION,
    &SMALL_INTEGER,
    &KEYWORD,
    &LANGUAGE_TAG,
    &PROJECT_ID,
    &TAURUS_INSTANCE_ID,
    &TAURUS_VERSION,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_match_their_format() {
        for f in ALL {
            assert!(f.matches(f.example), "{} rejects its example", f.id);
            assert!(!f.matches(""), "{} accepts empty", f.id);
        }
    }

    #[test]
    fn hints_quote_no_example() {
        for f in ALL {
            for hint in [f.hint.en, f.hint.zh] {
                assert!(
                    !hint.contains(f.example),
                    "{} hint quotes its example",
                    f.id
                );
                for marker in ["such as", "for example", "e.g.", "例如", "如 "] {
                    assert!(!hint.contains(marker), "{} hint: {hint}", f.id);
                }
            }
        }
    }

    #[test]
    fn es_version_styles() {
        for ok in ["6.7", "6.7.0", "7.10_with_X-Pack", "5.5.3"] {
            assert!(is_es_engine_version(ok), "{ok}");
            assert!(!is_es_ali_version(ok), "{ok}");
        }
        for ok in ["ali1.2.0", "ali1.10.1"] {
            assert!(is_es_ali_version(ok), "{ok}");
            assert!(!is_es_engine_version(ok), "{ok}");
        }
        for bad in ["7", "7.x", "ali1.2", "7.10_with_", "v7.10"] {
            assert!(!ES_VERSION.matches(bad), "{bad}");
        }
    }
}
