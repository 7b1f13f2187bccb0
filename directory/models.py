from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from core.crypto import EncryptedCharField, keyed_hash
from directory import identity, rules


class Region(MP_Node):
    """An administrative region; a materialised path gives fast subtree queries."""

    wagtail_reference_index_ignore = True  # history, not content: no usage index

    class Level(models.TextChoices):
        PROVINCE = "province", _("省")
        CITY = "city", _("市")
        COUNTY = "county", _("县/区")
        TOWNSHIP = "township", _("乡镇/街道")
        VILLAGE = "village", _("村/社区")

    name = models.CharField(_("名称"), max_length=100)
    code = models.CharField(_("行政区划代码"), max_length=12, unique=True)
    level = models.CharField(_("层级"), max_length=10, choices=Level.choices)

    node_order_by = ["code"]

    class Meta:
        verbose_name = _("行政区域")
        verbose_name_plural = _("行政区域")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        parent = self.get_parent() if self.pk else getattr(self, "_parent", None)
        problem = rules.region_code_problem(
            code=self.code,
            level=self.level,
            parent_code=parent.code if parent else None,
            parent_level=parent.level if parent else None,
        )
        if problem:
            raise ValidationError({_region_error_field(problem): REGION_CODE_MESSAGES[problem]})


REGION_CODE_MESSAGES = {
    "digits": _("行政区划代码只能包含数字。"),
    "length": _("该层级的行政区划代码位数不对：省、市、县为 6 位，乡镇/街道 9 位，村/社区 12 位。"),
    "province_suffix": _("省级代码应以 0000 结尾。"),
    "city_suffix": _("市级代码应以 00 结尾。"),
    "parent_level": _("上级区域的层级不对：只能直接隶属于上一级区域。"),
    "parent_prefix": _("行政区划代码与上级区域的代码不一致。"),
    "root_level": _("只有省级区域可以没有上级区域。"),
}


def _region_error_field(problem: str) -> str:
    return "level" if problem in {"parent_level", "root_level"} else "code"


class Agency(models.Model):
    """An operating agency (承接机构) contracted to run service points."""

    wagtail_reference_index_ignore = True  # history, not content: no usage index

    class Rating(models.TextChoices):
        A1 = "1A", "1A"
        A2 = "2A", "2A"
        A3 = "3A", "3A"
        A4 = "4A", "4A"
        A5 = "5A", "5A"

    name = models.CharField(_("名称"), max_length=200)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    rating = models.CharField(
        _("社会组织评估等级"), max_length=2, choices=Rating.choices, blank=True
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="agencies", verbose_name=_("登记地")
    )

    class Meta:
        verbose_name = _("承接机构")
        verbose_name_plural = _("承接机构")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class University(models.Model):
    """A university partnering with stations as a practice base (R15)."""

    wagtail_reference_index_ignore = True  # history, not content: no usage index

    name = models.CharField(_("名称"), max_length=200, unique=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="universities", verbose_name=_("所在地")
    )

    class Meta:
        verbose_name = _("高校")
        verbose_name_plural = _("高校")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ServicePoint(models.Model):
    """A city centre, county general station, township/street station or community room."""

    wagtail_reference_index_ignore = True  # history, not content: no usage index

    class Kind(models.TextChoices):
        CITY_CENTRE = "city_centre", _("市级服务指导中心")
        COUNTY_STATION = "county_station", _("县级社工总站")
        TOWNSHIP_STATION = "township_station", _("乡镇/街道社工站")
        COMMUNITY_ROOM = "community_room", _("村/社区社工室")

    class Specialty(models.TextChoices):
        NONE = "", _("无")
        ELDERLY = "elderly", _("老年社会工作")
        CHILDREN = "children", _("儿童社会工作")
        ENTERPRISE = "enterprise", _("企业社会工作")
        MEDICAL = "medical", _("医务社会工作")
        SCHOOL = "school", _("学校社会工作")
        ASSISTANCE = "assistance", _("社会救助社会工作")
        DISABILITY = "disability", _("残障社会工作")
        COMMUNITY = "community", _("社区治理")

    code = models.CharField(_("编号"), max_length=32, unique=True)
    name = models.CharField(_("名称"), max_length=200)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="service_points", verbose_name=_("所在区域")
    )
    star_rating = models.PositiveSmallIntegerField(
        _("星级"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    is_demonstration = models.BooleanField(_("示范型"), default=False)
    specialty = models.CharField(
        _("特色品牌领域"), max_length=20, choices=Specialty.choices, blank=True
    )
    brand_name = models.CharField(_("品牌名称"), max_length=100, blank=True)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="service_points",
        verbose_name=_("承接机构"),
    )
    area_m2 = models.PositiveIntegerField(_("面积（平方米）"), null=True, blank=True)
    contract_starts_on = models.DateField(_("合同开始"), null=True, blank=True)
    contract_ends_on = models.DateField(_("合同结束"), null=True, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("服务站点")
        verbose_name_plural = _("服务站点")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(star_rating__isnull=True) | Q(star_rating__gte=1, star_rating__lte=5),
                name="service_point_star_rating_1_to_5",
                violation_error_message=_("星级应在 1 至 5 之间。"),
            ),
            models.CheckConstraint(
                condition=Q(contract_ends_on__isnull=True)
                | Q(contract_starts_on__isnull=True)
                | Q(contract_ends_on__gte=models.F("contract_starts_on")),
                name="service_point_contract_ends_after_start",
                violation_error_message=_("合同结束日期不能早于开始日期。"),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if self.region_id and self.kind:
            if not rules.service_point_fits_region(kind=self.kind, region_level=self.region.level):
                errors["region"] = _("“%(kind)s”必须设在%(level)s一级的区域。") % {
                    "kind": self.get_kind_display(),
                    "level": Region.Level(rules.SERVICE_POINT_LEVEL[self.kind]).label,
                }
        if (
            self.contract_starts_on
            and self.contract_ends_on
            and self.contract_ends_on < self.contract_starts_on
        ):
            errors["contract_ends_on"] = _("合同结束日期不能早于开始日期。")
        if errors:
            raise ValidationError(errors)


STARS = [MinValueValidator(1), MaxValueValidator(5)]


class StarRating(models.Model):
    """A service point's star rating (一至五星) from a review on a date, under the review guide
    it followed (R25). `ServicePoint.star_rating` holds the newest one, kept in step by
    `services.star_rating_record`."""

    wagtail_reference_index_ignore = True  # history, not content: no usage index

    service_point = models.ForeignKey(
        ServicePoint,
        on_delete=models.PROTECT,
        related_name="star_ratings",
        verbose_name=_("服务站点"),
    )
    stars = models.PositiveSmallIntegerField(_("星级"), validators=STARS)
    rated_on = models.DateField(_("评定日期"))
    guide = models.CharField(
        _("评审依据"), max_length=200, help_text=_("如《乡镇（街道）五星级社工站评审指南》。")
    )

    class Meta:
        verbose_name = _("星级评定")
        verbose_name_plural = _("星级评定")
        ordering = ["service_point", "-rated_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["service_point", "rated_on"],
                name="star_rating_once_per_day",
                violation_error_message=_("该站点这一天已有星级评定。"),
            ),
            models.CheckConstraint(
                condition=Q(stars__gte=1, stars__lte=5),
                name="star_rating_stars_1_to_5",
                violation_error_message=_("星级应在 1 至 5 之间。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_point} · {self.stars} · {self.rated_on}"


class Coverage(models.Model):
    """A village or community covered by professional social work (专业社会工作服务覆盖) from a
    date, through a service point at the village or above it (R25)."""

    wagtail_reference_index_ignore = True  # history, not content: no usage index

    region = models.OneToOneField(
        Region, on_delete=models.PROTECT, related_name="coverage", verbose_name=_("村/社区")
    )
    service_point = models.ForeignKey(
        ServicePoint,
        on_delete=models.PROTECT,
        related_name="coverages",
        verbose_name=_("服务站点"),
    )
    covered_from = models.DateField(_("覆盖起始日期"))

    class Meta:
        verbose_name = _("村居服务覆盖")
        verbose_name_plural = _("村居服务覆盖")
        ordering = ["region"]

    def __str__(self) -> str:
        return f"{self.region} · {self.service_point}"

    def clean(self) -> None:
        errors = {}
        if self.region_id and self.region.level != Region.Level.VILLAGE:
            errors["region"] = _("只能登记村/社区一级的区域。")
        if (
            self.region_id
            and self.service_point_id
            and not self.region.path.startswith(self.service_point.region.path)
        ):
            errors["service_point"] = _("服务站点须设在该村/社区或其上级区域。")
        if errors:
            raise ValidationError(errors)


class CountyRecognition(models.Model):
    """A county (县市区) named a well-performing county (工作优良县) in a year (R25)."""

    wagtail_reference_index_ignore = True  # history, not content: no usage index

    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="recognitions",
        verbose_name=_("县/区"),
    )
    year = models.PositiveSmallIntegerField(_("认定年度"))

    class Meta:
        verbose_name = _("工作优良县认定")
        verbose_name_plural = _("工作优良县认定")
        ordering = ["year", "region"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year"],
                name="county_recognition_once_per_year",
                violation_error_message=_("该县这一年度已被认定。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region} · {self.year}"

    def clean(self) -> None:
        if self.region_id and self.region.level != Region.Level.COUNTY:
            raise ValidationError({"region": _("只能认定县/区一级的区域。")})


class VolunteerCount(models.Model):
    """How many volunteers a service point's team counted on a date (R2: Haining's "30")."""

    wagtail_reference_index_ignore = True  # history, not content: no usage index

    service_point = models.ForeignKey(
        ServicePoint,
        on_delete=models.PROTECT,
        related_name="volunteer_counts",
        verbose_name=_("服务站点"),
    )
    count = models.PositiveIntegerField(_("志愿者人数"))
    counted_on = models.DateField(_("统计日期"))

    class Meta:
        verbose_name = _("志愿者人数")
        verbose_name_plural = _("志愿者人数")
        ordering = ["service_point", "-counted_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["service_point", "counted_on"],
                name="volunteer_count_once_per_day",
                violation_error_message=_("该站点这一天已有志愿者人数。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_point} · {self.count} · {self.counted_on}"


def id_number_digest(number: str) -> str:
    """The keyed hash a person's ID number is stored and found under (normalised first)."""
    return keyed_hash(identity.normalise_id_number(number))


def mobile_digest(number: str) -> str:
    """The keyed hash a person's mobile number is stored and found under (normalised first)."""
    return keyed_hash(identity.normalise_mobile(number))


class PersonQuerySet(models.QuerySet):
    """Lookups by ID or mobile number however they were typed (full-width, spaced, +86)."""

    def with_id_number(self, number: str) -> "PersonQuerySet":
        if not identity.normalise_id_number(number):
            return self.none()
        return self.filter(id_number_hash=id_number_digest(number))

    def with_mobile(self, number: str) -> "PersonQuerySet":
        if not identity.normalise_mobile(number):
            return self.none()
        return self.filter(mobile_hash=mobile_digest(number))


class Person(models.Model):
    """A social worker, station head, supervisor or any other person the system records.

    ID and mobile numbers are encrypted at rest and looked up by a keyed hash (PIPL); both are
    normalised (directory.identity) before they are validated, hashed or stored.
    """

    wagtail_reference_index_ignore = True  # history, not content: no usage index

    class Gender(models.TextChoices):
        MALE = "M", _("男")
        FEMALE = "F", _("女")

    class Education(models.TextChoices):
        JUNIOR = "junior", _("初中及以下")
        SECONDARY = "secondary", _("高中/中专")
        COLLEGE = "college", _("大专")
        BACHELOR = "bachelor", _("本科")
        MASTER = "master", _("硕士")
        DOCTORATE = "doctorate", _("博士")

    name = models.CharField(_("姓名"), max_length=50)
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices, blank=True)
    born_on = models.DateField(_("出生日期"), blank=True, help_text=_("留空时按身份证号填写。"))
    id_number = EncryptedCharField(
        _("身份证号"), hash_field="id_number_hash", normalise=identity.normalise_id_number
    )
    id_number_hash = models.CharField(max_length=64, unique=True, editable=False)
    mobile = EncryptedCharField(
        _("手机号"), blank=True, hash_field="mobile_hash", normalise=identity.normalise_mobile
    )
    # NULL, not "", for people without a mobile: unique ignores NULLs.
    mobile_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)  # noqa: DJ001
    education = models.CharField(_("学历"), max_length=10, choices=Education.choices)
    social_work_major = models.BooleanField(_("社会工作专业"), default=False)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="people",
        verbose_name=_("档案所属区域"),
        help_text=_("保管此人档案的民政部门所在区域。"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("登录账号"),
    )

    # Set when the retention period ended (manage.py anonymise_people): name, numbers and birth
    # date were replaced by a pseudonym, the records about the person kept.
    anonymised_at = models.DateTimeField(_("匿名化时间"), null=True, blank=True, editable=False)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("人员")
        verbose_name_plural = _("人员")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """Validate and normalise the ID and mobile numbers; both must be unique (GB 11643).

        A number someone else holds is only "cannot be used": that person may be outside the
        scope of whoever is typing, so the message says nothing about them or where they are.
        """
        errors = {}
        try:
            self.id_number, born_on, gender = identity.parse_id_number(self.id_number)
        except identity.IdentityError as error:
            errors["id_number"] = IDENTITY_MESSAGES[error.code]
        else:
            if self.born_on and self.born_on != born_on:
                errors["born_on"] = _("出生日期与身份证号不一致（身份证号显示为 %(date)s）。") % {
                    "date": born_on.isoformat()
                }
            if self.gender and self.gender != gender:
                errors["gender"] = _("性别与身份证号不一致。")
            self.born_on, self.gender = self.born_on or born_on, self.gender or gender
            if _taken(self, Person.objects.with_id_number(self.id_number)):
                errors["id_number"] = IDENTITY_MESSAGES["id_number_unusable"]
        if self.mobile:
            try:
                self.mobile = identity.parse_mobile(self.mobile)
            except identity.IdentityError:
                errors["mobile"] = IDENTITY_MESSAGES["mobile"]
            else:
                if _taken(self, Person.objects.with_mobile(self.mobile)):
                    errors["mobile"] = IDENTITY_MESSAGES["mobile_unusable"]
        if errors:
            raise ValidationError(errors)

    @property
    def id_number_masked(self) -> str:
        return identity.mask_id_number(self.id_number)

    @property
    def mobile_masked(self) -> str:
        return identity.mask_mobile(self.mobile)


IDENTITY_MESSAGES = {
    "format": _("身份证号应为 18 位：17 位数字加 1 位数字或 X。"),
    "birth_date": _("身份证号中的出生日期无效。"),
    "check_digit": _("身份证号校验码不正确，请核对。"),
    "mobile": _("手机号应为 11 位中国大陆手机号，如 13812345678。"),
    "id_number_unusable": _("该身份证号无法使用，请核对或联系上级管理员。"),
    "mobile_unusable": _("该手机号无法使用，请核对或联系上级管理员。"),
}


def _taken(person: Person, holders: QuerySet[Person]) -> bool:
    return holders.exclude(pk=person.pk).exists()


class Position(models.Model):
    """A person's role at a service point over a span of time; a move is a new position."""

    wagtail_reference_index_ignore = True  # history, not content: no usage index

    class Role(models.TextChoices):
        RESIDENT_WORKER = "resident_worker", _("驻站社工")
        STATION_HEAD = "station_head", _("站长")
        DEPUTY_HEAD = "deputy_head", _("副站长/常务主任")
        VOLUNTEER_COORDINATOR = "volunteer_coordinator", _("志愿者协调员")
        COMMUNITY_WORKER = "community_worker", _("社区社工")
        ADMINISTRATIVE = "administrative", _("行政人员")

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="positions", verbose_name=_("人员")
    )
    service_point = models.ForeignKey(
        ServicePoint,
        on_delete=models.PROTECT,
        related_name="positions",
        verbose_name=_("服务站点"),
    )
    role = models.CharField(_("岗位"), max_length=30, choices=Role.choices)
    full_time = models.BooleanField(_("专职"), default=True)
    starts_on = models.DateField(_("起始日期"))
    ends_on = models.DateField(_("结束日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("任职")
        verbose_name_plural = _("任职")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="position_ends_after_start",
                violation_error_message=_("离任日期不能早于任职日期。"),
            ),
        ]
        indexes = [models.Index(fields=["service_point", "ends_on"])]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_role_display()} · {self.service_point}"

    def clean(self) -> None:
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("结束日期不能早于起始日期。")})
