"""The demo articles, one module per main tag, plus the ones readers cannot see yet."""

from .hardware import ARTICLES as HARDWARE
from .intelligence_artificielle import ARTICLES as INTELLIGENCE_ARTIFICIELLE
from .pending import ARTICLES as PENDING
from .societe import ARTICLES as SOCIETE
from .technologie import ARTICLES as TECHNOLOGIE

ARTICLES = (*HARDWARE, *INTELLIGENCE_ARTIFICIELLE, *SOCIETE, *TECHNOLOGIE, *PENDING)
