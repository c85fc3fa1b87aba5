//! Huawei Cloud regions of TaurusDB and their hosts, which take one of three service prefixes
//! (`gaussdb`, `gaussdbformysql`, `gaussdb-mysql`) depending on the region (apis.md §C.2).

use super::{EndpointRule, Region};

/// TaurusDB: the 20 regions of the endpoint table.
pub(super) static TAURUSDB: &[Region] = &[
    Region::new("cn-north-4", "CN North-Beijing4", "华北-北京四"),
    Region::new("cn-north-2", "CN North-Beijing2", "华北-北京二"),
    Region::new("cn-north-9", "CN North-Ulanqab1", "华北-乌兰察布一"),
    Region::new(
        "cn-north-11",
        "CN North (cn-north-11)",
        "华北（cn-north-11）",
    ),
    Region::new("cn-east-3", "CN East-Shanghai1", "华东-上海一"),
    Region::new("cn-east-5", "CN East-Qingdao", "华东-青岛"),
    Region::new("cn-south-1", "CN South-Guangzhou", "华南-广州"),
    Region::new(
        "cn-south-4",
        "CN South-Guangzhou-InvitationOnly",
        "华南-广州-友好用户环境",
    ),
    Region::new("cn-southwest-2", "CN Southwest-Guiyang1", "西南-贵阳一"),
    Region::new(
        "cn-southwest-3",
        "CN Southwest (cn-southwest-3)",
        "西南（cn-southwest-3）",
    ),
    Region::new("ru-northwest-2", "RU-Moscow2", "俄罗斯-莫斯科二"),
    Region::new("ap-southeast-1", "CN-Hong Kong", "中国-香港"),
    Region::new("ap-southeast-2", "AP-Bangkok", "亚太-曼谷"),
    Region::new("ap-southeast-3", "AP-Singapore", "亚太-新加坡"),
    Region::new("ap-southeast-4", "AP-Jakarta", "亚太-雅加达"),
    Region::new("tr-west-1", "TR-Istanbul", "土耳其-伊斯坦布尔"),
    Region::new("me-east-1", "ME-Riyadh", "中东-利雅得"),
    Region::new("af-south-1", "AF-Johannesburg", "非洲-约翰内斯堡"),
    Region::new("la-north-2", "LA-Mexico City2", "拉美-墨西哥城二"),
    Region::new("sa-brazil-1", "LA-Sao Paulo1", "拉美-圣保罗一"),
];

/// TaurusDB hosts: the SDK's `GaussDBRegion` map; unknown regions fall back to the `gaussdb` prefix.
pub(crate) const TAURUSDB_ENDPOINT: EndpointRule = EndpointRule {
    central: None,
    table: &[
        ("cn-north-4", "gaussdb.cn-north-4.myhuaweicloud.com"),
        ("cn-north-2", "gaussdb.cn-north-2.myhuaweicloud.com"),
        ("cn-north-9", "gaussdb.cn-north-9.myhuaweicloud.com"),
        (
            "cn-north-11",
            "gaussdbformysql.cn-north-11.myhuaweicloud.com",
        ),
        ("cn-east-3", "gaussdb.cn-east-3.myhuaweicloud.com"),
        ("cn-east-5", "gaussdb-mysql.cn-east-5.myhuaweicloud.com"),
        ("cn-south-1", "gaussdb.cn-south-1.myhuaweicloud.com"),
        ("cn-south-4", "gaussdb.cn-south-4.myhuaweicloud.com"),
        ("cn-southwest-2", "gaussdb.cn-southwest-2.myhuaweicloud.com"),
        (
            "cn-southwest-3",
            "gaussdb-mysql.cn-southwest-3.myhuaweicloud.com",
        ),
        ("ru-northwest-2", "gaussdb.ru-northwest-2.myhuaweicloud.com"),
        (
            "ap-southeast-1",
            "gaussdbformysql.ap-southeast-1.myhuaweicloud.com",
        ),
        (
            "ap-southeast-2",
            "gaussdbformysql.ap-southeast-2.myhuaweicloud.com",
        ),
        ("ap-southeast-3", "gaussdb.ap-southeast-3.myhuaweicloud.com"),
        ("ap-southeast-4", "gaussdb.ap-southeast-4.myhuaweicloud.com"),
        ("tr-west-1", "gaussdbformysql.tr-west-1.myhuaweicloud.com"),
        ("me-east-1", "gaussdbformysql.me-east-1.myhuaweicloud.com"),
        ("af-south-1", "gaussdb-mysql.af-south-1.myhuaweicloud.com"),
        ("la-north-2", "gaussdb-mysql.la-north-2.myhuaweicloud.com"),
        ("sa-brazil-1", "gaussdb.sa-brazil-1.myhuaweicloud.com"),
    ],
    regional: "gaussdb.{region}.myhuaweicloud.com",
    vpc: None,
};
