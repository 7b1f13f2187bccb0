"""The portal's page types, one module per kind of page."""

from cms.models.editing import RegionEditing
from cms.models.home import HomePage
from cms.models.listings import ListingPage
from cms.models.news import NewsIndexPage, NewsPage
from cms.models.notices import NoticeAttachment, NoticePage
from cms.models.policies import PolicyClause, PolicyDocumentPage, PolicyLibraryPage
from cms.models.regions import RegionPage
from cms.models.stations import StationIndexPage, StationPage, StationPhoto

__all__ = [
    "HomePage",
    "ListingPage",
    "NewsIndexPage",
    "NewsPage",
    "NoticeAttachment",
    "NoticePage",
    "PolicyClause",
    "PolicyDocumentPage",
    "PolicyLibraryPage",
    "RegionEditing",
    "RegionPage",
    "StationIndexPage",
    "StationPage",
    "StationPhoto",
]
