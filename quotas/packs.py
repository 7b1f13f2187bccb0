"""The policy packs of the seed documents, as data (R13). `load_policy_pack NAME` writes one.

Thresholds are in the measure's unit: minutes for hours, days, counts, percentage points.
A pack carries its document's period (`in_force_from`, `in_force_until` where the document
gives an end: a three-year plan, a one-year pilot) and its rules are in force for that period
unless a rule says otherwise; no document converts training days into hours, so no pack sets
`hours_per_day` and days are counted as distinct days of training (R11).
A region target (R16, R25) names the level of region it binds (`applies_to_region_level`: each
county, the province); one the document sets for its whole plan has the period `plan`.
A pack carries its document's title and file; every rule cites the clause as the document numbers
it (`source_clause`, found by `quotas.clauses.clause_text`) and a few of its words
(`source_quote`); `rule_ref` is the rule's number in DOMAIN.md. A `national` pack cites national
regulations, which are not among the seed documents.

A pack may also hold region settings (`settings`, fields of PolicyPack): the suggested supervisor
term (R6), workers per supervisor (R24), the professional-staff test and its rural relaxation
(R3), the yearly evaluation's weights and grades (R17), the monthly report a station owes —
which month it covers, its due day — the weekly status and the quarterly meeting (R17), and the
items on every station's service and negative lists (R19). Each cites its clause (`cited`), or
says that the region adopted it as local practice (`adopted`) or that no document gives it. A
setting no pack holds is not applied anywhere: R24's ratio of about 40 workers per supervisor
is Shenzhen practice, in no seed document, so no pack sets it; no national pack sets a monthly
report, so a station owes one only where its region's document asks for it.
"""

import datetime as dt

H = 60  # minutes per hour
HUNAN_R8 = "市县两级分别确保驻站社工每年接受专业督导不少于12、24小时"
JIAXING_LISTS = "高标准立标扩面，全市域抓落实促推广 › 清单化推进，加大建设力度"
JIAXING_PROJECT = "高站位建标立制，打造可学习复制示范点 › 着眼工作项目化，出台政策定目标"
JIAXING_TITLE = "浙江嘉兴：“三步法”推动社工站建设"
JIAXING_CLIENTS = "精准化职能定位，立足实际建立长效服务体系 › 打造基层社会服务协同平台"
HUNAN_R19 = "严禁基层社工站人员代替乡镇（街道）干部行使许可、确认、审批、给付等行政职能"
BEIJING_R9 = "每年至少完成10个服务案例,60小时专业督导"
HANGZHOU_TITLE = "关于全面推进乡镇（街道）社会工作站建设的实施意见（征求意见稿）"
R6_TERM = "建议督导服务期可设为3-5年"
BEIJING_R3 = (
    "原则上需取得社会工作师职业水平证书,或取得助理社会工作师职业水平证书满三年,"
    "或具有社会工作本科及以上学历"
)
PLATFORM_DEFAULT = "平台默认（政策文件未规定）"


def cited(clause: str, quote: str) -> str:
    """A setting's citation of its pack's own document: the clause and its words."""
    return f"{clause}：“{quote}”"


def adopted(title: str, clause: str, quote: str) -> str:
    """A setting a region takes from another document as its own local practice."""
    return f"本地做法：参照《{title}》{cited(clause, quote)}"


R6_ADOPTED = {
    "supervisor_term_min_years": 3,
    "supervisor_term_max_years": 5,
    "supervisor_term_source": adopted(HANGZHOU_TITLE, "四、（四）", R6_TERM),
}
# R22 counts social-work training filed with or organised by the continuing-education
# authority; the portal marks such training with the kind 继续教育 and counts only that kind.
R22_KINDS = "只计“继续教育”类培训（经继续教育主管部门备案或组织的社会工作培训）"

PACKS = {
    "hangzhou": {
        "title": HANGZHOU_TITLE,
        "region": "330100",
        "source_document": "hangzhou-2021-station-opinions.txt",
        "in_force_from": dt.date(2021, 1, 1),
        "is_draft": True,
        "rules": [
            {
                "code": "station-certified-staff",
                "title": "专职持证社工",
                "measure": "certified_staff",
                "applies_to_point_kind": "township_station",
                "threshold": 3,
                "source_clause": "四、（三）",
                "source_quote": "应配备专职的持证社会工作者不少于3人",
                "rule_ref": "R1",
            },
            {
                "code": "station-intermediate-staff",
                "title": "中级及以上社会工作师",
                "measure": "intermediate_staff",
                "applies_to_point_kind": "township_station",
                "threshold": 1,
                "advisory": True,
                "source_clause": "四、（三）",
                "source_quote": "有条件的社会工作站应配备至少1名中级及以上社会工作师",
                "rule_ref": "R1",
            },
            {
                "code": "room-certified-staff",
                "title": "社工室持证社工",
                "measure": "certified_staff",
                "applies_to_point_kind": "community_room",
                "demonstration_only": True,
                "threshold": 1,
                "source_clause": "四、（三）",
                "source_quote": "社区特色社会工作室示范点至少应当配备1名持证社会工作者",
                "rule_ref": "R1",
            },
            {
                "code": "worker-training-days",
                "title": "年度培训",
                "measure": "training_days",
                "applies_to_role": "resident_worker",
                "threshold": 3,
                "source_clause": "四、（五）",
                "source_quote": "确保每人每年接受培训不少于3天",
                "rule_ref": "R11",
            },
        ],
        "settings": {
            "supervisor_term_min_years": 3,
            "supervisor_term_max_years": 5,
            "supervisor_term_source": cited("四、（四）", R6_TERM),
        },
    },
    # Jiaxing's city-wide practice, as the report tells it; Haining and Pinghu add their own.
    "jiaxing": {
        "title": JIAXING_TITLE,
        "region": "330400",
        "source_document": "jiaxing-2021-station-practice.txt",
        "in_force_from": dt.date(2021, 1, 1),
        "rules": [
            {
                "code": "station-key-client-visits",
                "title": "重点对象月探访率",
                "measure": "key_client_visits",
                "applies_to_point_kind": "township_station",
                "threshold": 100,
                "source_clause": JIAXING_CLIENTS,
                "source_quote": "确保重点对象月探访率达到100%",
                "rule_ref": "R20",
            },
        ],
        # 月报季例会 and 每周动态掌握 (R17). The report gives neither the month a report covers nor
        # a due day: the portal reads 月报 as a report on the month just ended, with no due day.
        "settings": {
            "report_covers_current_month": False,
            "report_source": cited(JIAXING_PROJECT, "月报季例会"),
            "quarterly_meeting": True,
            "quarterly_meeting_source": cited(JIAXING_PROJECT, "月报季例会"),
            "weekly_status": True,
            "weekly_status_source": cited(JIAXING_PROJECT, "每周动态掌握建设和托管运营进展情况"),
        },
    },
    "haining": {
        "title": JIAXING_TITLE,
        "region": "330481",
        "source_document": "jiaxing-2021-station-practice.txt",
        "in_force_from": dt.date(2021, 1, 1),
        "rules": [
            {
                "code": "station-full-time-staff",
                "title": "专职人员",
                "measure": "full_time_staff",
                "applies_to_point_kind": "township_station",
                "threshold": 6,
                "source_clause": JIAXING_LISTS,
                "source_quote": "运营团队落实“6430”要求，即6名专职人员",
                "rule_ref": "R2",
            },
            {
                "code": "station-certified-staff",
                "title": "持证社工",
                "measure": "certified_staff",
                "applies_to_point_kind": "township_station",
                "threshold": 4,
                "source_clause": JIAXING_LISTS,
                "source_quote": "6名专职人员(4名持证社工)",
                "rule_ref": "R2",
            },
            {
                "code": "station-volunteers",
                "title": "志愿者",
                "measure": "volunteers",
                "applies_to_point_kind": "township_station",
                "threshold": 30,
                "source_clause": JIAXING_LISTS,
                "source_quote": "6名专职人员(4名持证社工)、30名志愿者",
                "rule_ref": "R2",
            },
            {
                "code": "agency-rating",
                "title": "承接机构评估等级",
                "measure": "agency_rating",
                "applies_to_point_kind": "township_station",
                "threshold": 3,
                "source_clause": JIAXING_LISTS,
                "source_quote": "承接团队必须取得社会组织等级评估3A及以上等级",
                "rule_ref": "R2",
            },
            {
                "code": "station-area",
                "title": "站点面积",
                "measure": "station_area",
                "applies_to_point_kind": "township_station",
                "threshold": 500,
                "source_clause": JIAXING_LISTS,
                "source_quote": "社工站建设面积不少于500平方米",
                "rule_ref": "R2",
            },
        ],
        "settings": R6_ADOPTED,
    },
    "pinghu": {
        "title": JIAXING_TITLE,
        "region": "330482",
        "source_document": "jiaxing-2021-station-practice.txt",
        "in_force_from": dt.date(2021, 1, 1),
        "rules": [
            {
                "code": "station-linked-expert",
                "title": "挂钩督导专家",
                "measure": "linked_supervisors",
                "applies_to_point_kind": "township_station",
                "threshold": 1,
                "source_clause": "高标准立标扩面，全市域抓落实促推广 › 专业化督导，提升运营绩效",
                "source_quote": "“1+1”挂钩联系制度，由1名督导专委会专家联系一个镇(街道)社工站",
                "rule_ref": "R5",
            },
        ],
        "settings": R6_ADOPTED,
    },
    "hunan": {
        "title": "湖南省基层社会工作服务站项目三年行动方案（2021-2023年）",
        "region": "430000",
        "source_document": "hunan-2021-2023-station-action-plan.txt",
        "in_force_from": dt.date(2021, 1, 1),
        "in_force_until": dt.date(2023, 12, 31),
        "rules": [
            {
                "code": "station-certified-share",
                "title": "社工教育背景或持证人员占比",
                "measure": "certified_share",
                "applies_to_point_kind": "township_station",
                "threshold": 30,
                "growth_per_year": 10,
                "base_year": 2021,
                "source_clause": "二、（二）4",
                "source_quote": (
                    "具有社会工作教育背景或持资格证书者占比逐年提高，2021年不低于30%，每年新增10%"
                ),
                "rule_ref": "R4",
            },
            {
                "code": "station-service-time-share",
                "title": "专业服务时长占比",
                "measure": "service_time_share",
                "applies_to_point_kind": "township_station",
                "threshold": 30,
                "growth_per_year": 10,
                "base_year": 2021,
                "source_clause": "二、（二）5",
                "source_quote": (
                    "专业服务时长在全年工作时长中的占比逐年提高，2021年不低于30%，每年新增10%"
                ),
                "rule_ref": "R18",
            },
            {
                "code": "worker-city-supervision",
                "title": "市级督导",
                "measure": "supervision_received",
                "providing_level": "city",
                "applies_to_role": "resident_worker",
                "threshold": 12 * H,
                "source_clause": "三、（八）",
                "source_quote": HUNAN_R8,
                "rule_ref": "R8",
            },
            {
                "code": "worker-county-supervision",
                "title": "县级督导",
                "measure": "supervision_received",
                "providing_level": "county",
                "applies_to_role": "resident_worker",
                "threshold": 24 * H,
                "source_clause": "三、（八）",
                "source_quote": HUNAN_R8,
                "rule_ref": "R8",
            },
            {
                "code": "worker-city-training",
                "title": "市级培训",
                "measure": "training_minutes",
                "providing_level": "city",
                "applies_to_role": "resident_worker",
                "threshold": 20 * H,
                "source_clause": "三、（八）",
                "source_quote": "专业培训不少于20、40小时",
                "rule_ref": "R12",
            },
            {
                "code": "worker-county-training",
                "title": "县级培训",
                "measure": "training_minutes",
                "providing_level": "county",
                "applies_to_role": "resident_worker",
                "threshold": 40 * H,
                "source_clause": "三、（八）",
                "source_quote": "专业培训不少于20、40小时",
                "rule_ref": "R12",
            },
            {
                "code": "county-five-star-share",
                "title": "五星级乡镇（街道）社工站占比",
                "measure": "five_star_station_share",
                "applies_to_region_level": "county",
                "threshold": 10,
                "growth_per_year": 10,
                "base_year": 2021,
                "source_clause": "二、（二）2",
                "source_quote": (
                    "在每个县市区打造五星级乡镇（街道）社工站，2021年比例不低于10%，每年新增10%"
                ),
                "rule_ref": "R25",
            },
            {
                "code": "county-five-star-stations",
                "title": "五星级乡镇（街道）社工站",
                "measure": "five_star_stations",
                "applies_to_region_level": "county",
                "threshold": 1,
                "source_clause": "二、（二）2",
                "source_quote": "每个县市区不少于1个",
                "rule_ref": "R25",
            },
            {
                "code": "village-coverage-share",
                "title": "专业社会工作服务覆盖村居占比",
                "measure": "village_coverage_share",
                "applies_to_region_level": "province",
                "threshold": 10,
                "growth_per_year": 10,
                "base_year": 2021,
                "source_clause": "二、（二）3",
                "source_quote": (
                    "打造专业社会工作服务覆盖的村居，2021年比例不低于10%，每年新增10%"
                ),
                "rule_ref": "R25",
            },
            {
                "code": "recognised-counties",
                "title": "工作优良县（市区）",
                "measure": "recognised_counties",
                "applies_to_region_level": "province",
                "threshold": 30,
                "growth_per_year": 10,
                "base_year": 2021,
                "source_clause": "二、（二）1",
                "source_quote": "在全省打造工作优良县（市区），2021年打造30个，每年新增10个",
                "rule_ref": "R25",
            },
            {
                "code": "five-star-rooms",
                "title": "五星级村（社区）社会工作室试点",
                "measure": "five_star_rooms",
                "applies_to_region_level": "province",
                "period": "plan",
                "threshold": 2000,
                "source_clause": "三、（七）",
                "source_quote": "全省试点建设2000个五星级村（社区）社会工作室",
                "rule_ref": "R25",
            },
            {
                "code": "local-supervisors",
                "title": "本土督导",
                "measure": "local_supervisors",
                "applies_to_region_level": "province",
                "period": "plan",
                "threshold": 60,
                "source_clause": "三、（八）",
                "source_quote": "全省选拔培养60名本土督导",
                "rule_ref": "R16",
            },
        ],
        # R19: the four fields of professional service, and the administrative functions station
        # staff must not exercise, start every station's two lists.
        "settings": {
            "service_list": ["社会救助", "养老服务", "儿童关爱", "社区治理"],
            "service_list_source": cited("三、（二）", "社会救助、养老服务、儿童关爱、社区治理"),
            "negative_list": ["许可", "确认", "审批", "给付"],
            "negative_list_source": cited("三、（二）", HUNAN_R19),
        },
    },
    "beijing": {
        "title": "北京市街道(乡镇)社会工作服务中心试点建设实施方案",
        "region": "110000",
        "source_document": "beijing-2021-service-center-pilot.txt",
        "in_force_from": dt.date(2021, 1, 1),
        "in_force_until": dt.date(2021, 12, 31),
        "rules": [
            {
                "code": "centre-supervision",
                "title": "中心专业督导",
                "measure": "station_supervision",
                "applies_to_point_kind": "township_station",
                "threshold": 60 * H,
                "source_clause": "三、(二)",
                "source_quote": BEIJING_R9,
                "rule_ref": "R9",
            },
            {
                "code": "centre-cases",
                "title": "中心服务案例",
                "measure": "station_cases",
                "applies_to_point_kind": "township_station",
                "threshold": 10,
                "source_clause": "三、(二)",
                "source_quote": BEIJING_R9,
                "rule_ref": "R9",
            },
        ],
        "settings": {
            "professional_staff_test": True,
            "professional_staff_source": cited("三、(四)", BEIJING_R3),
            "rural_relaxation": True,
            "rural_relaxation_source": cited(
                "三、(四)", "农村地区无法满足人员资质要求的可适当降低标准"
            ),
        },
    },
    "yunlong": {
        "title": "云龙县乡镇社会工作服务站建设工作方案（试行）",
        "region": "532929",
        "source_document": "yunlong-2021-station-work-plan.txt",
        "in_force_from": dt.date(2021, 1, 1),
        "in_force_until": dt.date(2021, 12, 31),
        "rules": [],
        # R17: the build-progress table on the current month, "before the 26th" (due the 25th),
        # during the 2021 rollout.
        "settings": {
            "report_covers_current_month": True,
            "report_due_day": 25,
            "report_name": "社工站建设进度表",
            "report_source": cited("五、（一）", "每月26日前向县民政局上报社工站建设进度表"),
        },
    },
    "national": {
        "title": "社会工作者继续教育办法",
        "region": None,
        "national": True,
        "source_document": "《社会工作者继续教育办法》（民政部，国家规定）",
        # The national rule predates the portal, whose records begin in 2021.
        "in_force_from": dt.date(2021, 1, 1),
        "rules": [
            {
                "code": f"continuing-education-{level}",
                "title": f"继续教育（{label}）",
                "measure": "training_minutes",
                "training_kind": "continuing",
                "qualification_level": level,
                "period": "registration",
                "threshold": hours * H,
                "source_clause": f"每个登记有效期（3年）内累计不少于{hours}小时；{R22_KINDS}",
                "rule_ref": "R22",
            }
            for level, label, hours in [
                ("assistant", "助理社会工作师", 72),
                ("intermediate", "社会工作师", 90),
                ("senior", "高级社会工作师", 90),
            ]
        ],
        "settings": {
            "evaluation_rule_points": 50,
            "evaluation_report_points": 20,
            "evaluation_quality_points": 30,
            "evaluation_grades": [[90, "优秀"], [75, "良好"], [60, "合格"], [0, "不合格"]],
            "evaluation_source": PLATFORM_DEFAULT,
        },
    },
}
