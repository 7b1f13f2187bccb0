"""The site search: Chinese text segmented for the index and for queries, live public pages
only, courses open for enrolment, odd queries answered with an empty state, never a 500."""

import datetime as dt
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms import demo_seed, search
from cms.models import PolicyDocumentPage, StationPage
from cms.services import policy_library
from directory import services as directory_services
from directory.demo.build import Figures
from directory.models import ServicePoint
from lms.models import Course, CourseRun, Kind, Level
from tests.cms.conftest import news

pytestmark = pytest.mark.django_db

URL = reverse("search")


def found(client, query: str, **params) -> str:
    response = client.get(URL, {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


def station_page(point) -> StationPage:
    return StationPage.objects.get(service_point=point)


# Segmentation


def test_segmented_cuts_han_runs_into_words_and_keeps_latin_words_and_numbers():
    text = search.segmented("定王台街道社工站，Python 3 与 hello-world：2025年")
    assert text == "定 王台 街道 社工 站 Python 3 与 hello world 2025 年"
    assert text == search.segmented("定王台街道社工站，Python 3 与 hello-world：2025年")


def test_segmented_adds_the_shorter_words_inside_long_ones():
    assert search.segmented("湖南省长沙市").split() == ["湖南", "湖南省", "长沙", "沙市", "长沙市"]


def test_the_dictionary_loads_once_and_quietly(capfd):
    search._tokenizer.cache_clear()
    search.segmented("督导")
    search.segmented("培训")
    assert capfd.readouterr().err == ""
    assert search._tokenizer.cache_info().misses == 1


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("王台", ["王台"]),
        ("定王台", ["定", "王台"]),
        ('"督导', ["督导"]),
        ("督导 AND 社工* NEAR(", ["督导", "AND", "社工", "NEAR"]),
        ("督导 督导", ["督导"]),
        ("", []),
        ("   ", []),
        ("%'\"\\😀*()", []),
        ("a" * 2000, []),
    ],
)
def test_query_terms_keep_only_words(query, terms):
    assert search.query_terms(query) == terms


def test_query_terms_read_a_bounded_query():
    assert search.query_terms("督导培训 " * 500) == ["督导", "培训"]  # 100 characters read
    many = search.query_terms(" ".join(f"w{n}" for n in range(100)))
    assert len(many) == search.MAX_TERMS


# Pages


def test_a_two_character_word_of_a_station_name_finds_its_page(client, site, tree):
    # jieba cuts 定王台街道社工站 into 定 / 王台 / 街道 / 社工 / 站: 王台 is a word of it ("定王"
    # is not: it straddles two words), so 王台 finds the page and 定王 does not.
    text = found(client, "王台")
    assert station_page(tree.station_a).url in text
    assert "定王台街道社工站" in text and "坡子街街道社工站" not in text
    assert station_page(tree.station_a).url not in found(client, "定王")


def test_a_station_is_found_by_its_region_and_specialty(client, site, tree):
    point = ServicePoint.objects.get(pk=tree.station_a.pk)
    point.specialty = ServicePoint.Specialty.CHILDREN
    point.brand_name = "童心港湾"
    directory_services.service_point_save(service_point=point, saved_by=None)  # its hook syncs

    assert station_page(tree.station_a).url in found(client, "儿童社会工作")
    assert station_page(tree.station_a).url in found(client, "童心")
    assert station_page(tree.station_b).url in found(client, "天心区")
    assert station_page(tree.station_a).url not in found(client, "天心区")


def test_a_station_page_whose_text_mentions_the_word_is_found(client, site, tree):
    page = station_page(tree.station_a)
    page.intro = "每月接受专业督导，督导记录按要求归档。"
    page.save_revision().publish()

    text = found(client, "督导")
    assert page.url in text and station_page(tree.station_b).url not in text


@pytest.fixture
def seeds() -> Path:
    folder = Path(settings.POLICY_SEEDS_DIR)
    if not folder.is_dir():
        pytest.skip(f"policy documents folder not found: {folder}")
    return folder


def test_supervision_finds_the_policy_clauses_linked_to_their_anchors(client, site, seeds):
    policy_library.policy_documents_import(folder=seeds)
    hangzhou = PolicyDocumentPage.objects.get(source_file="hangzhou-2021-station-opinions.txt")

    response = client.get(URL, {"q": "督导"})

    hits = {hit.page.pk: hit for hit in response.context["hits"]}
    assert set(PolicyDocumentPage.objects.values_list("pk", flat=True)) <= set(hits)
    for hit in hits.values():
        if isinstance(hit.page, PolicyDocumentPage):
            clause = hit.clause
            assert "督导" in f"{clause.citation}{clause.heading}{clause.text}"
    anchor = quote(hits[hangzhou.pk].clause.anchor)
    assert f'href="{hangzhou.url}#{anchor}"' in response.content.decode()


def test_a_reimported_document_is_found_by_its_new_clause_text(client, site, tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    document = folder / "plan.txt"
    opening = "为加强社工站建设，提升专业服务水平，结合本县实际，制定本方案。" * 3
    text = f"某县社工站工作方案\n\n{opening}\n一、总体要求\n（一）建立督导制度。\n"
    document.write_text(text, encoding="utf-8")
    policy_library.policy_documents_import(folder=folder)
    assert "某县社工站工作方案" in found(client, "督导制度")

    document.write_text(text.replace("督导制度", "培训档案"), encoding="utf-8")
    policy_library.policy_documents_import(folder=folder)

    assert "某县社工站工作方案" in found(client, "培训档案")
    assert "某县社工站工作方案" not in found(client, "督导制度")


def test_drafts_unpublished_and_private_pages_never_appear(client, site):
    index = site["news"]
    live = news(index, "公开新闻", intro="示范站评选结果")
    news(index, "草稿新闻", intro="示范站评选草稿", live=False)
    private = news(index, "内部新闻", intro="示范站评选内部")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    gone = news(index, "撤回新闻", intro="示范站评选撤回")
    gone.unpublish()
    live.intro = "示范站评选修改稿"
    live.save_revision()  # a draft of a live page: its words stay out until published

    text = found(client, "示范站 评选")

    assert "公开新闻" in text
    assert not any(title in text for title in ("草稿新闻", "内部新闻", "撤回新闻"))
    assert "公开新闻" not in found(client, "修改稿")


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "%",
        "'",
        '"',
        "\\",
        "😀",
        "督" * 2000,
        "x" * 2000,
        "AND",
        "*",
        "NEAR(",
        '"督导',
        "督导 OR 1=1; --",
        "督导*",
        "NOT 督导",
        "\x00",
        "a_b",
        "ｆｕｌｌ　ｗｉｄｔｈ",
    ],
)
def test_odd_queries_answer_an_empty_state_or_results(client, site, query):
    news(site["news"], "督导工作动态")
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert "站内搜索" in response.content.decode()


def test_odd_page_numbers_and_methods(client, site):
    news(site["news"], "督导工作动态")
    assert client.get(URL, {"q": "督导", "page": "x", "courses": "-1"}).status_code == 200
    assert client.get(URL, {"q": "督导", "page": "999"}).status_code == 200
    assert client.post(URL, {"q": "督导"}).status_code == 405


def test_signed_in_users_search_the_same_public_pages(client, site, wang_fang):
    news(site["news"], "督导工作动态")
    client.force_login(wang_fang.user)
    assert "督导工作动态" in found(client, "督导")


def test_the_header_links_to_the_search(client, site):
    text = client.get("/stations/").content.decode()
    assert f'action="{URL}"' in text


# Courses


def course(tree, title: str, *, deadline_days: int, description: str = "") -> Course:
    item = Course.objects.create(
        title=title,
        description=description,
        kind=Kind.PRACTICE,
        providing_level=Level.COUNTY,
        organiser_region=tree.county_a,
        region=tree.county_a,
        minutes_per_session=180,
    )
    now = timezone.now()
    CourseRun.objects.create(
        course=item,
        name="第一期",
        capacity=20,
        enrolment_deadline=now + dt.timedelta(days=deadline_days),
        cancellation_deadline=now + dt.timedelta(days=deadline_days),
        starts_on=timezone.localdate(now) + dt.timedelta(days=deadline_days + 1),
        ends_on=timezone.localdate(now) + dt.timedelta(days=deadline_days + 2),
    )
    return item


def test_courses_open_for_enrolment_match_title_or_description(client, site, tree):
    course(tree, "督导技巧工作坊", deadline_days=5)
    course(tree, "个案工作实务", deadline_days=5, description="含专业督导环节")
    course(tree, "往期督导培训", deadline_days=-1)

    response = client.get(URL, {"q": "督导"})

    titles = [item.title for item in response.context["courses"]]
    assert titles == ["督导技巧工作坊", "个案工作实务"]
    run = CourseRun.objects.get(course__title="督导技巧工作坊")
    assert reverse("lms:course_detail", args=[run.pk]) in response.content.decode()


def test_nothing_found_says_so(client, site):
    text = found(client, "没有这个词")
    assert "没有找到与“没有这个词”相关的内容。" in text


# Query counts


def test_results_page_queries_do_not_grow_with_the_results(
    client, site, tree, django_assert_max_num_queries
):
    index = site["news"]
    for n in range(3):
        news(index, f"督导简报第{n}期")
        course(tree, f"督导课程{n}", deadline_days=5)
    found(client, "督导")  # warms the site root cache
    with django_assert_max_num_queries(14) as few:
        found(client, "督导")
    for n in range(3, 40):
        news(index, f"督导简报第{n}期")
        course(tree, f"督导课程{n}", deadline_days=5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        text = found(client, "督导")
    assert text.count("督导简报第") == 20 and text.count("督导课程") == 10


def test_the_demo_seed_leaves_a_searchable_site(client, tree):
    demo_seed.seed(scale="demo", figures=Figures())

    text = found(client, "推进会")
    assert "全市社工站督导工作推进会召开" in text
    assert "定王台街道社工站" in found(client, "王台")
