//! Alibaba Cloud regions of Dds, R-kvstore and Elasticsearch, and their endpoint rules (apis.md §C.1).

use super::{EndpointRule, Region};

const CN_QINGDAO: Region = Region::new("cn-qingdao", "China (Qingdao)", "华北1（青岛）");
const CN_BEIJING: Region = Region::new("cn-beijing", "China (Beijing)", "华北2（北京）");
const CN_ZHANGJIAKOU: Region =
    Region::new("cn-zhangjiakou", "China (Zhangjiakou)", "华北3（张家口）");
const CN_HUHEHAOTE: Region = Region::new("cn-huhehaote", "China (Hohhot)", "华北5（呼和浩特）");
const CN_WULANCHABU: Region = Region::new("cn-wulanchabu", "China (Ulanqab)", "华北6（乌兰察布）");
const CN_HANGZHOU: Region = Region::new("cn-hangzhou", "China (Hangzhou)", "华东1（杭州）");
const CN_SHANGHAI: Region = Region::new("cn-shanghai", "China (Shanghai)", "华东2（上海）");
const CN_NANJING: Region = Region::new(
    "cn-nanjing",
    "China (Nanjing - Local Region)",
    "华东5（南京-本地地域）",
);
const CN_FUZHOU: Region = Region::new(
    "cn-fuzhou",
    "China (Fuzhou - Local Region)",
    "华东6（福州-本地地域）",
);
const CN_SHENZHEN: Region = Region::new("cn-shenzhen", "China (Shenzhen)", "华南1（深圳）");
const CN_HEYUAN: Region = Region::new("cn-heyuan", "China (Heyuan)", "华南2（河源）");
const CN_GUANGZHOU: Region = Region::new("cn-guangzhou", "China (Guangzhou)", "华南3（广州）");
const CN_CHENGDU: Region = Region::new("cn-chengdu", "China (Chengdu)", "西南1（成都）");
const CN_HONGKONG: Region = Region::new("cn-hongkong", "China (Hong Kong)", "中国香港");
const AP_NORTHEAST_1: Region = Region::new("ap-northeast-1", "Japan (Tokyo)", "日本（东京）");
const AP_NORTHEAST_2: Region = Region::new("ap-northeast-2", "South Korea (Seoul)", "韩国（首尔）");
const AP_SOUTHEAST_1: Region = Region::new("ap-southeast-1", "Singapore", "新加坡");
const AP_SOUTHEAST_2: Region =
    Region::new("ap-southeast-2", "Australia (Sydney)", "澳大利亚（悉尼）");
const AP_SOUTHEAST_3: Region = Region::new(
    "ap-southeast-3",
    "Malaysia (Kuala Lumpur)",
    "马来西亚（吉隆坡）",
);
const AP_SOUTHEAST_5: Region = Region::new(
    "ap-southeast-5",
    "Indonesia (Jakarta)",
    "印度尼西亚（雅加达）",
);
const AP_SOUTHEAST_6: Region =
    Region::new("ap-southeast-6", "Philippines (Manila)", "菲律宾（马尼拉）");
const AP_SOUTHEAST_7: Region = Region::new("ap-southeast-7", "Thailand (Bangkok)", "泰国（曼谷）");
const AP_SOUTH_1: Region = Region::new("ap-south-1", "India (Mumbai)", "印度（孟买）");
const US_EAST_1: Region = Region::new("us-east-1", "US (Virginia)", "美国（弗吉尼亚）");
const US_WEST_1: Region = Region::new("us-west-1", "US (Silicon Valley)", "美国（硅谷）");
const US_SOUTHEAST_1: Region = Region::new(
    "us-southeast-1",
    "US (us-southeast-1)",
    "美国（us-southeast-1）",
);
const NA_SOUTH_1: Region = Region::new("na-south-1", "Mexico", "墨西哥");
const EU_WEST_1: Region = Region::new("eu-west-1", "UK (London)", "英国（伦敦）");
const EU_CENTRAL_1: Region = Region::new("eu-central-1", "Germany (Frankfurt)", "德国（法兰克福）");
const ME_EAST_1: Region = Region::new("me-east-1", "UAE (Dubai)", "阿联酋（迪拜）");
const ME_CENTRAL_1: Region = Region::new("me-central-1", "Saudi Arabia (Riyadh)", "沙特（利雅得）");

/// Dds: the 27 public regions of apis.md §C.1.
pub(super) static DDS: &[Region] = &[
    CN_QINGDAO,
    CN_BEIJING,
    CN_ZHANGJIAKOU,
    CN_HUHEHAOTE,
    CN_HANGZHOU,
    CN_SHANGHAI,
    CN_NANJING,
    CN_FUZHOU,
    CN_SHENZHEN,
    CN_GUANGZHOU,
    CN_CHENGDU,
    CN_HONGKONG,
    AP_NORTHEAST_1,
    AP_NORTHEAST_2,
    AP_SOUTHEAST_1,
    AP_SOUTHEAST_2,
    AP_SOUTHEAST_3,
    AP_SOUTHEAST_5,
    AP_SOUTHEAST_6,
    AP_SOUTHEAST_7,
    AP_SOUTH_1,
    US_EAST_1,
    US_WEST_1,
    EU_WEST_1,
    EU_CENTRAL_1,
    ME_EAST_1,
    ME_CENTRAL_1,
];

/// R-kvstore: the Dds list plus cn-heyuan, cn-wulanchabu, na-south-1 and us-southeast-1 (31).
pub(super) static R_KVSTORE: &[Region] = &[
    CN_QINGDAO,
    CN_BEIJING,
    CN_ZHANGJIAKOU,
    CN_HUHEHAOTE,
    CN_WULANCHABU,
    CN_HANGZHOU,
    CN_SHANGHAI,
    CN_NANJING,
    CN_FUZHOU,
    CN_SHENZHEN,
    CN_HEYUAN,
    CN_GUANGZHOU,
    CN_CHENGDU,
    CN_HONGKONG,
    AP_NORTHEAST_1,
    AP_NORTHEAST_2,
    AP_SOUTHEAST_1,
    AP_SOUTHEAST_2,
    AP_SOUTHEAST_3,
    AP_SOUTHEAST_5,
    AP_SOUTHEAST_6,
    AP_SOUTHEAST_7,
    AP_SOUTH_1,
    US_EAST_1,
    US_WEST_1,
    US_SOUTHEAST_1,
    NA_SOUTH_1,
    EU_WEST_1,
    EU_CENTRAL_1,
    ME_EAST_1,
    ME_CENTRAL_1,
];

/// Elasticsearch: 20 regions.
pub(super) static ELASTICSEARCH: &[Region] = &[
    CN_QINGDAO,
    CN_BEIJING,
    CN_ZHANGJIAKOU,
    CN_WULANCHABU,
    CN_HANGZHOU,
    CN_SHANGHAI,
    CN_SHENZHEN,
    CN_GUANGZHOU,
    CN_CHENGDU,
    CN_HONGKONG,
    AP_NORTHEAST_1,
    AP_SOUTH_1,
    AP_SOUTHEAST_1,
    AP_SOUTHEAST_2,
    AP_SOUTHEAST_3,
    AP_SOUTHEAST_5,
    US_EAST_1,
    US_WEST_1,
    EU_WEST_1,
    EU_CENTRAL_1,
];

/// Dds: central host for five mainland regions, regional elsewhere.
pub(crate) const DDS_ENDPOINT: EndpointRule = EndpointRule {
    central: Some((
        "mongodb.aliyuncs.com",
        &[
            "cn-hangzhou",
            "cn-shanghai",
            "cn-beijing",
            "cn-heyuan",
            "cn-wulanchabu",
        ],
    )),
    table: &[],
    regional: "mongodb.{region}.aliyuncs.com",
    vpc: Some("mongodb-vpc.{region}.aliyuncs.com"),
};

/// R-kvstore: SDK 7.0.0 maps only cn-hangzhou (among public regions) to the central host.
pub(crate) const R_KVSTORE_ENDPOINT: EndpointRule = EndpointRule {
    central: Some(("r-kvstore.aliyuncs.com", &["cn-hangzhou"])),
    table: &[],
    regional: "r-kvstore.{region}.aliyuncs.com",
    vpc: Some("r-kvstore-vpc.{region}.aliyuncs.com"),
};

/// Elasticsearch: always regional.
pub(crate) const ES_ENDPOINT: EndpointRule = EndpointRule {
    central: None,
    table: &[],
    regional: "elasticsearch.{region}.aliyuncs.com",
    vpc: Some("elasticsearch-vpc.{region}.aliyuncs.com"),
};
