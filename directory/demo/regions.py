"""The demo's places, from the five seed documents, with GB/T 2260 codes.

Province, city and county codes are the real ones. Township codes (county code + 3 digits:
001… for streets, 101… for towns, 201… for townships, as GB/T 10114 numbers them) and the 12-digit
village codes follow the real pattern; the sequence numbers are illustrative.

Each `Place` may carry one `Station`, whose kind follows from the place's level. `slug`s name
the station's demo accounts (`head.<slug>@example.cn`).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Station:
    slug: str
    star: int | None = None
    demo: bool = False  # demonstration station (示范型)
    specialty: str = ""
    brand: str = ""  # "一站一品" brand
    agency: str = ""  # key of AGENCIES
    staff: int = 4
    area: int | None = None  # m²


@dataclass(frozen=True)
class Place:
    name: str
    code: str
    children: tuple["Place", ...] = ()
    station: Station | None = None


def _p(name: str, code: str, *children: Place, station: Station | None = None) -> Place:
    return Place(name=name, code=code, children=children, station=station)


# Agencies (承接机构): key → (name, rating, registration region code, GB 32100 type digit).
AGENCIES = {
    "hz": ("杭州市西湖区和睿社会工作服务中心", "5A", "330106", "2"),
    "gs": ("杭州市拱墅区运河社会工作服务社", "4A", "330105", "2"),
    "ph": ("平湖市社会工作协会", "4A", "330482", "1"),
    "js": ("嘉善县善行社会工作服务中心", "3A", "330421", "2"),
    "hn": ("海宁市红社社会工作服务中心", "4A", "330481", "2"),
    "cs": ("长沙县星城社会工作服务中心", "4A", "430121", "2"),
    "ly": ("浏阳市同心社会工作服务中心", "3A", "430181", "2"),
    "csc": ("长沙市湘江社会工作发展中心", "5A", "430100", "2"),
    "bj": ("北京市朝阳区协力社会工作事务所", "4A", "110105", "2"),
    "yl": ("云龙县沘江社会工作服务中心", "2A", "532929", "2"),
}

# Universities (R15) and the region they sit in.
UNIVERSITIES = (
    ("浙江大学", "330106"),
    ("浙江工业大学", "330105"),
    ("湖南师范大学", "430100"),
    ("中南大学", "430100"),
    ("中国人民大学", "110108"),
)

S = Station  # S(slug, star, demo, specialty, brand, agency, staff, area)
CATALOGUE = (
    _p(
        "北京市",
        "110000",
        _p(
            "市辖区",
            "110100",
            _p(
                "朝阳区",
                "110105",
                _p(
                    "建外街道",
                    "110105001",
                    station=S("jianwai", 4, True, "community", "国贸邻里汇", "bj", 5, 420),
                ),
            ),
            _p("海淀区", "110108"),
        ),
    ),
    _p(
        "浙江省",
        "330000",
        _p(
            "杭州市",
            "330100",
            _p(
                "拱墅区",
                "330105",
                _p(
                    "湖墅街道",
                    "330105002",
                    station=S("hushu", 4, True, "enterprise", "运河工友家", "gs", 4, 380),
                ),
                _p("小河街道", "330105003", station=S("xiaohe", 3, False, "", "", "gs", 3, 260)),
            ),
            _p(
                "西湖区",
                "330106",
                _p(
                    "北山街道",
                    "330106001",
                    station=S("beishan", 5, True, "elderly", "银龄北山", "hz", 6, 560),
                ),
                _p(
                    "西溪街道",
                    "330106002",
                    station=S("xixi", 3, False, "children", "", "hz", 3, 300),
                ),
                _p(
                    "翠苑街道",
                    "330106004",
                    _p(
                        "翠苑一区社区",
                        "330106004001",
                        station=S("cuiyuan1", 4, True, "elderly", "邻里守望", "hz", 2, 120),
                    ),
                    station=S("cuiyuan", 4, False, "community", "翠邻汇", "hz", 4, 400),
                ),
            ),
            station=S("hangzhou", agency="", staff=3, area=800),
        ),
        _p(
            "嘉兴市",
            "330400",
            _p(
                "嘉善县",
                "330421",
                _p(
                    "魏塘街道",
                    "330421001",
                    station=S("weitang", 4, True, "assistance", "善帮", "js", 4, 450),
                ),
                _p("罗星街道", "330421002", station=S("luoxing", 3, False, "", "", "js", 3, 320)),
                _p(
                    "西塘镇",
                    "330421102",
                    station=S("xitang", 4, False, "elderly", "古镇银龄", "js", 4, 380),
                ),
                _p("姚庄镇", "330421105", station=S("yaozhuang", 3, False, "", "", "js", 3, 300)),
            ),
            _p(
                "海宁市",
                "330481",
                _p(
                    "海洲街道",
                    "330481002",
                    station=S("haizhou", 4, False, "medical", "潮城医社", "hn", 6, 520),
                ),
                _p(
                    "马桥街道",
                    "330481004",
                    station=S("maqiao", 5, True, "community", "红社", "hn", 6, 620),
                ),
                _p(
                    "许村镇",
                    "330481101",
                    station=S("xucun", 4, False, "enterprise", "织里工友", "hn", 6, 540),
                ),
            ),
            _p(
                "平湖市",
                "330482",
                _p(
                    "当湖街道",
                    "330482001",
                    station=S("danghu", 4, False, "children", "童心当湖", "ph", 4, 360),
                ),
                _p(
                    "钟埭街道",
                    "330482002",
                    station=S("zhongdai", 5, True, "community", "钟情社区", "ph", 5, 480),
                ),
                _p("乍浦镇", "330482101", station=S("zhapu", 3, False, "school", "", "ph", 3, 300)),
                _p(
                    "新埭镇",
                    "330482102",
                    station=S("xindai", 3, False, "elderly", "", "ph", 3, 280),
                ),
            ),
        ),
    ),
    _p(
        "湖南省",
        "430000",
        _p(
            "长沙市",
            "430100",
            _p(
                "长沙县",
                "430121",
                _p(
                    "星沙街道",
                    "430121001",
                    _p("天华社区", "430121001001"),
                    _p("望仙桥社区", "430121001002"),
                    station=S("xingsha", 5, True, "assistance", "星沙暖心", "cs", 5, 500),
                ),
                _p("泉塘街道", "430121003", station=S("quantang", 3, False, "", "", "cs", 4, 320)),
                _p(
                    "黄花镇",
                    "430121103",
                    _p("黄花村", "430121103201"),
                    _p("回龙村", "430121103202"),
                    station=S("huanghua", 4, False, "elderly", "", "cs", 3, 350),
                ),
                _p(
                    "金井镇",
                    "430121108",
                    _p(
                        "惠农村",
                        "430121108201",
                        station=S("huinong", 3, False, "elderly", "茶乡守望", "cs", 1, 80),
                    ),
                    station=S("jinjing", 4, False, "children", "金井护苗", "cs", 4, 360),
                ),
                station=S("changshaxian", 4, True, "", "", "cs", 3, 600),
            ),
            _p(
                "浏阳市",
                "430181",
                _p(
                    "淮川街道",
                    "430181001",
                    _p("北正社区", "430181001001"),
                    station=S("huaichuan", 4, False, "disability", "", "ly", 4, 330),
                ),
                _p("集里街道", "430181002", station=S("jili", 3, False, "", "", "ly", 3, 280)),
                _p(
                    "大瑶镇",
                    "430181101",
                    station=S("dayao", 4, False, "enterprise", "花炮工友", "ly", 4, 340),
                ),
                _p(
                    "文家市镇",
                    "430181103",
                    station=S("wenjiashi", 3, False, "assistance", "", "ly", 3, 300),
                ),
                station=S("liuyang", 3, False, "", "", "ly", 3, 500),
            ),
            station=S("changsha", agency="csc", staff=3, area=900),
        ),
    ),
    _p(
        "云南省",
        "530000",
        _p(
            "大理白族自治州",
            "532900",
            _p(
                "云龙县",
                "532929",
                _p(
                    "诺邓镇",
                    "532929101",
                    _p(
                        "诺邓村",
                        "532929101201",
                        station=S("nuodeng-cun", None, False, "elderly", "", "yl", 1, 60),
                    ),
                    station=S("nuodeng", 3, True, "assistance", "盐井人家", "yl", 4, 260),
                ),
                _p(
                    "功果桥镇",
                    "532929102",
                    station=S("gongguoqiao", 2, False, "", "", "yl", 3, 180),
                ),
                _p(
                    "漕涧镇",
                    "532929103",
                    station=S("caojian", 3, False, "children", "", "yl", 3, 220),
                ),
                _p(
                    "苗尾傈僳族乡",
                    "532929206",
                    station=S("miaowei", 2, False, "", "", "yl", 3, 150),
                ),
                station=S("yunlong", 3, False, "", "", "yl", 3, 300),
            ),
        ),
    ),
)

# Township stations are named by province: Hangzhou and Jiaxing say 社会工作站, Beijing
# 社会工作服务中心 (beijing-2021), Hunan and Yunnan 社会工作服务站.
TOWNSHIP_SUFFIX = {"11": "社会工作服务中心", "33": "社会工作站"}
ROOM_SUFFIX = {"33": "特色社会工作室"}  # Hangzhou's 社区特色社会工作室


def station_name(*, kind: str, place: str, code: str) -> str:
    """The usual name of a service point of `kind` in `place`."""
    if kind == "city_centre":
        return f"{place}社会工作服务指导中心"
    if kind == "county_station":
        return f"{place}社会工作总站"
    if kind == "township_station":
        return place + TOWNSHIP_SUFFIX.get(code[:2], "社会工作服务站")
    return place + ROOM_SUFFIX.get(code[:2], "社工室")
