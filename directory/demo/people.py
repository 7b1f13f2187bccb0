"""Realistic Chinese names, ID numbers and mobile numbers, reproducible from a seed.

A `PeopleMaker` draws from its own `random.Random(seed)`, so the same calls give the same
people on every run; ID and mobile numbers are unique within one maker. Two makers given
disjoint mobile prefixes and disjoint county codes never collide with each other.
"""

import datetime as dt
import random

from directory.demo import codes
from directory.demo.plan import PersonRow

# The most common surnames, most frequent first; earlier ones are drawn more often.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤"
)
SURNAME_WEIGHTS = tuple(1 / (rank + 8) for rank in range(len(SURNAMES)))
# Given names: one character, or a first and a second character that combine well.
GIVEN = {
    "F": (
        "芳娟敏静丽艳燕玲婷雪慧颖琳倩洁霞红梅莉萍",
        "晓丽雅婉思欣佳诗雨梦秀玉美春海文慧静淑月",
        "燕娟婷琳怡涵瑶雯敏芳霞萍兰梅洁颖倩红华玲",
    ),
    "M": (
        "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波浩凯",
        "建志国晓俊浩子宇文明家天海永伟卫鹏振思博",
        "华国强明军东杰涛然轩航博宇豪峰刚辉平林成",
    ),
}

# (education, share); social-work majors are common among graduates (R3, R4).
EDUCATION = (("secondary", 5), ("college", 25), ("bachelor", 55), ("master", 13), ("doctorate", 2))
SOCIAL_WORK_MAJOR_SHARE = {"college": 0.45, "bachelor": 0.5, "master": 0.6, "doctorate": 0.5}


class PeopleMaker:
    """Draws people; every ID number and mobile number it returns is new to it."""

    def __init__(self, *, seed: int, mobile_prefixes: tuple[str, ...]):
        self.rng = random.Random(seed)
        self.mobile_prefixes = mobile_prefixes
        self.id_numbers: set[str] = set()
        self.mobiles: set[str] = set()

    def name(self, *, male: bool) -> str:
        surname = self.rng.choices(SURNAMES, weights=SURNAME_WEIGHTS)[0]
        single, first, second = GIVEN["M" if male else "F"]
        if self.rng.random() < 0.3:
            return surname + self.rng.choice(single)
        given = self.rng.choice(first) + self.rng.choice(second)
        return surname + given if given[0] != given[1] else self.name(male=male)

    def id_number(self, *, area: str, born_on: dt.date, male: bool) -> str:
        while True:
            order = self.rng.randrange(500)
            number = codes.id_number(area=area, born_on=born_on, order=order, male=male)
            if number not in self.id_numbers:
                self.id_numbers.add(number)
                return number

    def mobile(self) -> str:
        while True:
            number = self.rng.choice(self.mobile_prefixes) + f"{self.rng.randrange(10**8):08d}"
            if number not in self.mobiles:
                self.mobiles.add(number)
                return number

    def education(self, *, floor: str = "secondary") -> tuple[str, bool]:
        """A degree no lower than `floor`, and whether it was in social work."""
        levels = [level for level, _ in EDUCATION]
        options = EDUCATION[levels.index(floor) :]
        level = self.rng.choices([o[0] for o in options], weights=[o[1] for o in options])[0]
        return level, self.rng.random() < SOCIAL_WORK_MAJOR_SHARE.get(level, 0)

    def person(
        self,
        *,
        area: str,
        born_from: int = 1975,
        born_to: int = 2000,
        floor: str = "secondary",
        email: str = "",
        female_share: float = 0.7,
    ) -> PersonRow:
        """A person whose file is kept in county `area` (also the ID number's area code)."""
        male = self.rng.random() >= female_share
        born_on = dt.date(born_from, 1, 1) + dt.timedelta(
            days=self.rng.randrange((dt.date(born_to, 12, 31) - dt.date(born_from, 1, 1)).days)
        )
        education, major = self.education(floor=floor)
        return PersonRow(
            id_number=self.id_number(area=area, born_on=born_on, male=male),
            name=self.name(male=male),
            gender="M" if male else "F",
            born_on=born_on,
            mobile=self.mobile(),
            education=education,
            social_work_major=major,
            region_code=area,
            email=email,
        )

    def day(self, *, first: dt.date, last: dt.date, first_of_month: bool = True) -> dt.date:
        """A date in [first, last], by default the first of its month."""
        day = first + dt.timedelta(days=self.rng.randrange((last - first).days + 1))
        return day.replace(day=1) if first_of_month and day.replace(day=1) >= first else day
