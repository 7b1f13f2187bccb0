"""The portal's page types, one module per kind of page."""

from cms.models.home import HomePage
from cms.models.policies import PolicyClause, PolicyDocumentPage, PolicyLibraryPage

__all__ = ["HomePage", "PolicyClause", "PolicyDocumentPage", "PolicyLibraryPage"]
