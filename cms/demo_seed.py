"""Demo content of the public site for `manage.py seed_demo` (directory/demo/extensions.py).

The news and station lists under the home page, region and station pages for every demo
station (through the sync), three news items and two notices (one with an attachment), all
published; the editor groups, collections and workflows of the demo's editor grants; and the
policy library: the documents in settings.POLICY_SEEDS_DIR, imported as by
`import_policy_documents` (without that folder the library stays empty and the report says how
to fill it). Running it again adds nothing; `reset()` removes what it added, except the policy
documents, which refer to nothing in the directory.
"""

import datetime as dt
import io
import time
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, Page, PageLogEntry

from cms.models import (
    HomePage,
    ListingPage,
    NewsIndexPage,
    NewsPage,
    NoticeAttachment,
    NoticePage,
    RegionPage,
    StationIndexPage,
)
from cms.selectors import policy_library as library_selectors
from cms.services import editors, policy_library, station_pages

DEMO_TITLE = "（演示）"  # images and documents of the demo carry it, so reset finds them
NEWS = [
    (
        "demo-news-supervision",
        "全市社工站督导工作推进会召开",
        "推进会总结了上半年“一站一专家”督导联系情况，部署下半年督导服务。",
        [
            "会议通报了各县（市、区）社工站督导服务开展情况：专家联系站点实现全覆盖，"
            "驻站督导和巡回督导记录均已按要求归档。",
            "会议要求，各地要落实每名驻站社工每年专业督导时长，督导记录作为督导人员评聘的重要参考。",
        ],
    ),
    (
        "demo-news-training",
        "新入职社工岗前培训圆满结业",
        "来自各乡镇（街道）社工站的新入职社工完成为期三天的岗前培训。",
        [
            "培训围绕社会工作伦理、个案工作方法、社会救助政策等内容展开，采用专题讲授、"
            "案例研讨和实地观摩相结合的方式。",
            "结业学员的培训学时已计入平台，可在“我的学时”中查看并下载学时证明。",
        ],
    ),
    (
        "demo-news-station",
        "社工站开展“关爱困境儿童”主题服务",
        "驻站社工联合社区志愿者走访困境儿童家庭，建立一户一档服务台账。",
        [
            "社工站对辖区困境儿童开展全面走访，了解家庭状况和服务需求，"
            "链接教育、医疗等资源，为有需要的家庭提供个案服务。",
        ],
    ),
]
NOTICES = [
    (
        "demo-notice-report",
        "关于做好社工站月度工作报表填报的通知",
        "各乡镇（街道）社工站：请于每月26日前通过平台提交当月工作进度报表，"
        "县级民政部门将按月汇总、按季通报。",
        True,
    ),
    (
        "demo-notice-enrolment",
        "关于开展年度社会工作继续教育培训报名的通知",
        "年度继续教育培训现已开放报名，请符合条件的社工登录平台“培训课程”栏目自行报名，"
        "名额有限，额满即止。",
        False,
    ),
]


def seed(*, scale: str, figures) -> None:
    started = time.perf_counter()
    home = HomePage.objects.get()
    news_index = _child(home, NewsIndexPage, slug="news", title="新闻动态", intro="社工站工作动态")
    _child(home, StationIndexPage, slug="stations", title="社工站", intro="查找身边的社工站")
    _child(
        home,
        ListingPage,
        slug="courses",
        title="培训课程",
        source=ListingPage.Source.COURSES,
        intro="正在报名的培训课程，登录后即可报名。",
    )
    _child(
        home,
        ListingPage,
        slug="contests",
        title="竞赛评选",
        source=ListingPage.Source.COMPETITIONS,
        intro="优秀案例评选、征文、影像和知识技能竞赛，以及评选结果。",
    )
    added = _news(news_index) + _notices(news_index)
    result = station_pages.station_pages_sync()
    figures.add("cms: site pages", time.perf_counter() - started, added + result.created)
    started = time.perf_counter()
    joined = editors.editor_groups_sync().joined
    figures.add("cms: editor groups", time.perf_counter() - started, joined)
    _policy_library(figures)


def _policy_library(figures) -> None:
    folder = Path(settings.POLICY_SEEDS_DIR)
    if not folder.is_dir():
        return
    started = time.perf_counter()
    done = policy_library.policy_documents_import(folder=folder)
    created = sum(action == policy_library.CREATED for _page, action, _clauses in done)
    figures.add("cms: policy documents", time.perf_counter() - started, created)


def report() -> list[str]:
    """Where the policy library is, or how to fill it when it is empty."""
    library = library_selectors.policy_library()
    count = library_selectors.library_documents(library=library).count() if library else 0
    if count:
        line = _("政策文件库：%(count)s 份文件，见 %(url)s")
        return [line % {"count": count, "url": library.url}]
    empty = _("政策文件库为空：未找到政策文件文件夹 %(folder)s。")
    return [
        empty % {"folder": settings.POLICY_SEEDS_DIR},
        _("导入政策文件：manage.py import_policy_documents <存放 *.txt 政策文件的文件夹>"),
    ]


def reset() -> None:
    """Delete the region and station pages (the directory is about to be emptied), the demo
    news and notices, the lists once they are empty, the page log of all these (a reset demo
    starts without their history), and the demo image and document."""
    slugs = [slug for slug, *_ in NEWS + NOTICES]
    roots = [
        *Page.objects.filter(pk__in=RegionPage.objects.values("pk"), depth=3),
        *Page.objects.filter(slug__in=slugs, depth=4),
    ]
    removed = set()
    for root in roots:
        removed |= set(root.get_descendants(inclusive=True).values_list("pk", flat=True))
        root.delete()
    for model in (NewsIndexPage, StationIndexPage):
        for page in model.objects.filter(numchild=0):
            removed.add(page.pk)
            page.delete()
    PageLogEntry.objects.filter(page_id__in=removed).delete()
    editors.region_editing_reset()
    Image.objects.filter(title__endswith=DEMO_TITLE).delete()
    Document.objects.filter(title__endswith=DEMO_TITLE).delete()


def _child(parent: Page, model, *, slug: str, title: str, **fields) -> Page:
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    return parent.add_child(instance=model(slug=slug, title=title, **fields))


def _news(index: NewsIndexPage) -> int:
    added = 0
    today = timezone.localdate()
    for n, (slug, title, intro, paragraphs) in enumerate(NEWS):
        if NewsPage.objects.filter(slug=slug).exists():
            continue
        body = [("paragraph", f"<p>{text}</p>") for text in paragraphs]
        index.add_child(
            instance=NewsPage(
                slug=slug,
                title=title,
                intro=intro,
                date=today - dt.timedelta(days=3 * n),
                cover_image=_cover() if n == 0 else None,
                body=body,
            )
        )
        added += 1
    return added


def _notices(index: NewsIndexPage) -> int:
    added = 0
    today = timezone.localdate()
    for n, (slug, title, text, with_attachment) in enumerate(NOTICES):
        if NoticePage.objects.filter(slug=slug).exists():
            continue
        notice = index.add_child(
            instance=NoticePage(
                slug=slug,
                title=title,
                date=today - dt.timedelta(days=2 * n),
                valid_until=today + dt.timedelta(days=60),
                body=[("paragraph", f"<p>{text}</p>")],
            )
        )
        if with_attachment:
            NoticeAttachment.objects.create(
                page=notice, document=_attachment(), title="月度工作进度报表（模板）"
            )
        added += 1
    return added


def _cover() -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", (960, 540), (180, 35, 24)).save(buffer, format="PNG")
    return Image.objects.create(
        title="督导推进会" + DEMO_TITLE,
        file=ImageFile(buffer, name="demo-cover.png"),
        collection=Collection.get_first_root_node(),
    )


def _attachment() -> Document:
    workbook = Workbook()
    workbook.active.append(["站点", "本月走访人次", "个案数", "小组活动次数", "督导次数"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return Document.objects.create(
        title="月度工作进度报表模板" + DEMO_TITLE,
        file=ContentFile(buffer.getvalue(), name="monthly-report.xlsx"),
        collection=Collection.get_first_root_node(),
    )
