//! Invariants of the catalog as data: ids line up with the navigation, every text exists in both
//! languages, placements agree with the API style and the path template, lists are non-empty, defaults
//! and examples validate, and every region yields a plausible endpoint host.

use std::collections::BTreeSet;

use console_core::catalog::{self, CrossCheck, Style, OPERATIONS, SPECS};
use console_core::field::{FieldKind, Placement, Wire};
use console_core::parse::parse_field;
use console_core::region::{self, cloud_regions, endpoint, regions};
use console_core::{Cloud, Lang, Product};

#[test]
fn specs_match_the_navigation_one_to_one() {
    assert_eq!(SPECS.len(), 5);
    assert_eq!(SPECS.len(), OPERATIONS.len());
    for (spec, op) in SPECS.iter().zip(OPERATIONS) {
        assert_eq!(spec.id, op.id);
        assert_eq!(spec.api, op.api);
        assert_eq!(spec.cloud, op.cloud);
        assert_eq!(spec.product.cloud(), spec.cloud, "{}", spec.id);
        assert_eq!(spec.operation(), Some(op));
        assert_eq!(catalog::spec(op.id).map(|s| s.id), Some(op.id));
    }
    assert!(catalog::spec("nope").is_none());
    assert!(catalog::find("dds-engine-upgrade").is_some());
    assert_eq!(catalog::by_cloud().len(), 2);
}

#[test]
fn api_versions_and_styles_are_the_documented_ones() {
    let expect = [
        ("dds-engine-upgrade", "2015-12-01", Style::Rpc),
        ("dds-kernel-upgrade", "2015-12-01", Style::Rpc),
        ("es-version-upgrade", "2017-06-13", Style::Roa),
        ("redis-major-upgrade", "2015-01-01", Style::Rpc),
        ("taurusdb-minor-upgrade", "v3", Style::HuaweiRest),
    ];
    for (id, version, style) in expect {
        let s = catalog::spec(id).unwrap();
        assert_eq!(
            (s.version, s.style, s.method),
            (version, style, "POST"),
            "{id}"
        );
    }
}

#[test]
fn field_names_are_unique_per_operation() {
    for spec in SPECS {
        let mut seen = BTreeSet::new();
        for f in spec.fields {
            assert!(seen.insert(f.name), "{}: duplicate {}", spec.id, f.name);
        }
    }
}

#[test]
fn every_text_exists_in_both_languages() {
    for spec in SPECS {
        for lang in Lang::ALL {
            assert!(!spec.summary.get(lang).is_empty(), "{} summary", spec.id);
            assert!(!spec.product.label().get(lang).is_empty());
        }
        assert_ne!(spec.summary.en, spec.summary.zh);
        for f in spec.fields {
            for text in [f.label, f.help] {
                assert!(!text.en.trim().is_empty(), "{}.{} en", spec.id, f.name);
                assert!(!text.zh.trim().is_empty(), "{}.{} zh", spec.id, f.name);
                assert_ne!(text.en, text.zh, "{}.{} untranslated", spec.id, f.name);
            }
            assert!(!f.example.is_empty(), "{}.{} example", spec.id, f.name);
        }
    }
}

#[test]
fn every_list_is_non_empty_with_unique_labelled_values() {
    for spec in SPECS {
        for f in spec.fields {
            if let FieldKind::Choice { choices, .. } = f.kind {
                assert!(!choices.is_empty(), "{}.{}", spec.id, f.name);
                let values: BTreeSet<&str> = choices.iter().map(|c| c.value).collect();
                assert_eq!(values.len(), choices.len(), "{}.{}", spec.id, f.name);
                for c in choices {
                    assert!(!c.label.en.is_empty() && !c.label.zh.is_empty());
                }
                assert_eq!(f.kind.choices(), choices);
            } else {
                assert!(f.kind.choices().is_empty());
            }
        }
    }
}

#[test]
fn placements_agree_with_style_and_path_template() {
    for spec in SPECS {
        let placeholders: BTreeSet<&str> = spec.path_placeholders().into_iter().collect();
        let path_fields: BTreeSet<&str> = spec.fields_in(Placement::Path).map(|f| f.name).collect();
        assert_eq!(placeholders, path_fields, "{}", spec.id);
        assert!(
            spec.fields_in(Placement::Path).all(|f| f.required),
            "{}",
            spec.id
        );
        assert!(spec.path.starts_with('/'));
        match spec.style {
            Style::Rpc => {
                assert_eq!(spec.path, "/", "{}", spec.id);
                assert!(
                    spec.fields.iter().all(|f| f.placement == Placement::Query),
                    "{}",
                    spec.id
                );
                assert_eq!(spec.cloud, Cloud::Alibaba);
            }
            Style::Roa => {
                assert_eq!(spec.cloud, Cloud::Alibaba);
                assert!(spec.fields_in(Placement::JsonBody).count() > 0);
            }
            Style::HuaweiRest => {
                assert_eq!(spec.cloud, Cloud::Huawei);
                assert!(spec.path.starts_with("/v3/{project_id}/"));
            }
        }
        for f in spec.fields {
            if f.placement != Placement::JsonBody {
                assert!(
                    !matches!(
                        f.kind,
                        FieldKind::InstanceVersions { .. } | FieldKind::EsPlugins
                    ),
                    "{}.{}: lists only go in JSON bodies",
                    spec.id,
                    f.name
                );
            }
            if f.placement == Placement::Control {
                assert!(
                    f.default.is_some(),
                    "{}.{}: control needs a default",
                    spec.id,
                    f.name
                );
            }
            if let Wire::BooleanAs { control } = f.wire {
                let c = spec.field(control).expect("control field exists");
                assert_eq!(c.placement, Placement::Control);
                let values: Vec<&str> = c.kind.choices().iter().map(|c| c.value).collect();
                assert_eq!(values, ["string", "boolean"]);
                assert_eq!(f.kind, FieldKind::Bool);
            }
        }
    }
}

#[test]
fn internal_parameters_are_hidden() {
    for spec in SPECS {
        for hidden in [
            "OwnerId",
            "OwnerAccount",
            "ResourceOwnerId",
            "ResourceOwnerAccount",
            "SecurityToken",
            "AccessKeyId",
            "Signature",
        ] {
            assert!(spec.field(hidden).is_none(), "{} exposes {hidden}", spec.id);
        }
    }
}

#[test]
fn defaults_and_examples_validate() {
    for spec in SPECS {
        for f in spec.fields {
            let ex =
                parse_field(f, f.example).unwrap_or_else(|e| panic!("{}.{}: {e}", spec.id, f.name));
            assert!(ex.value.is_some());
            assert!(
                ex.warnings.is_empty(),
                "{}.{} example warns",
                spec.id,
                f.name
            );
            if let Some(d) = f.default {
                assert!(parse_field(f, d).is_ok(), "{}.{} default", spec.id, f.name);
            }
        }
        for (name, value) in spec.initial_form() {
            assert_eq!(
                spec.field(&name).and_then(|f| f.default),
                Some(value.as_str())
            );
        }
    }
}

#[test]
fn references_between_fields_resolve() {
    for spec in SPECS {
        if let Some(t) = spec.target_field {
            assert!(spec.field(t).is_some(), "{}", spec.id);
        }
        for check in spec.checks {
            let CrossCheck::EsVersionMatchesType { version, ty } = *check;
            assert!(spec.field(version).is_some() && spec.field(ty).is_some());
        }
        for a in spec.advisories {
            use console_core::advice::Advisory;
            let field = match *a {
                Advisory::Scheduled { field, .. }
                | Advisory::DryRunOnly { field }
                | Advisory::DryRunFirst { field }
                | Advisory::NoTargetVersion { field } => Some(field),
                _ => None,
            };
            if let Some(field) = field {
                assert!(
                    spec.field(field).is_some(),
                    "{}: advisory field {field}",
                    spec.id
                );
            }
        }
        assert!(spec.permission.contains(':'), "{}", spec.id);
    }
}

#[test]
fn region_lists_have_the_documented_sizes_and_names() {
    let sizes = [
        (Product::Dds, 27),
        (Product::RKvstore, 31),
        (Product::Elasticsearch, 20),
        (Product::TaurusDb, 20),
    ];
    for (product, n) in sizes {
        let list = regions(product);
        assert_eq!(list.len(), n, "{product:?}");
        let ids: BTreeSet<&str> = list.iter().map(|r| r.id).collect();
        assert_eq!(ids.len(), n, "{product:?} duplicates");
        for r in list {
            assert!(console_core::format::REGION_ID.matches(r.id), "{}", r.id);
            assert!(!r.name.en.is_empty() && !r.name.zh.is_empty());
            assert_eq!(region::find(product, r.id), Some(r));
        }
    }
    // The per-cloud list covers every product's regions of that cloud.
    for product in Product::ALL {
        let cloud: BTreeSet<&str> = cloud_regions(product.cloud())
            .iter()
            .map(|r| r.id)
            .collect();
        assert!(
            regions(product).iter().all(|r| cloud.contains(r.id)),
            "{product:?}"
        );
    }
}

#[test]
fn endpoints_follow_the_tables() {
    let host = |id: &str, region: &str| endpoint(catalog::spec(id).unwrap(), region);
    assert_eq!(
        host("dds-engine-upgrade", "cn-hangzhou"),
        "mongodb.aliyuncs.com"
    );
    assert_eq!(
        host("dds-kernel-upgrade", "cn-wulanchabu"),
        "mongodb.aliyuncs.com"
    );
    assert_eq!(
        host("dds-engine-upgrade", "ap-southeast-1"),
        "mongodb.ap-southeast-1.aliyuncs.com"
    );
    assert_eq!(
        host("dds-engine-upgrade", "cn-qingdao"),
        "mongodb.cn-qingdao.aliyuncs.com"
    );
    assert_eq!(
        host("redis-major-upgrade", "cn-hangzhou"),
        "r-kvstore.aliyuncs.com"
    );
    assert_eq!(
        host("redis-major-upgrade", "cn-beijing"),
        "r-kvstore.cn-beijing.aliyuncs.com"
    );
    assert_eq!(
        host("es-version-upgrade", "cn-hangzhou"),
        "elasticsearch.cn-hangzhou.aliyuncs.com"
    );
    assert_eq!(
        host("taurusdb-minor-upgrade", "cn-north-4"),
        "gaussdb.cn-north-4.myhuaweicloud.com"
    );
    assert_eq!(
        host("taurusdb-minor-upgrade", "cn-east-5"),
        "gaussdb-mysql.cn-east-5.myhuaweicloud.com"
    );
    assert_eq!(
        host("taurusdb-minor-upgrade", "ap-southeast-1"),
        "gaussdbformysql.ap-southeast-1.myhuaweicloud.com"
    );
    // Regions outside the tables fall back to the SDKs' rule.
    assert_eq!(
        host("taurusdb-minor-upgrade", "eu-west-101"),
        "gaussdb.eu-west-101.myhuaweicloud.com"
    );
    assert_eq!(
        host("es-version-upgrade", "cn-fujian"),
        "elasticsearch.cn-fujian.aliyuncs.com"
    );
    let dds = catalog::spec("dds-engine-upgrade").unwrap();
    assert_eq!(
        dds.endpoint.vpc_host("cn-hangzhou").as_deref(),
        Some("mongodb-vpc.cn-hangzhou.aliyuncs.com")
    );
    for spec in SPECS {
        let suffix = match spec.cloud {
            Cloud::Alibaba => ".aliyuncs.com",
            Cloud::Huawei => ".myhuaweicloud.com",
        };
        for r in regions(spec.product) {
            let h = endpoint(spec, r.id);
            assert!(h.ends_with(suffix), "{} {} → {h}", spec.id, r.id);
            assert!(h
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-'));
        }
        assert!(!spec.endpoint.hosts(regions(spec.product)).is_empty());
    }
}

#[test]
fn known_hosts_cover_every_operation_and_region() {
    let hosts = region::known_hosts();
    for spec in SPECS {
        for r in regions(spec.product) {
            assert!(
                hosts.binary_search(&endpoint(spec, r.id)).is_ok(),
                "{} {}",
                spec.id,
                r.id
            );
        }
    }
    assert!(hosts.contains(&"mongodb.aliyuncs.com".to_owned()));
    assert!(hosts.windows(2).all(|w| w[0] < w[1]));
}
