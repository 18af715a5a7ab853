"""Source kinds decided from web hosts: government, law-library copy, secondary or weak."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from macros.paths import DATA_DIR

HOSTS_FILE = DATA_DIR / "source_hosts.yml"
KINDS: tuple[str, ...] = ("government", "law-library", "secondary", "weak")
# Kinds whose text is the law or the regulator's own word: enough to confirm a figure.
CONFIRMING: frozenset[str] = frozenset({"government", "law-library"})
_STATE_US = re.compile(r"(^|\.)(state\.)?[a-z]{2}\.us$")


@dataclass(frozen=True)
class HostLists:
    """The host lists of source_hosts.yml."""

    government_exceptions: tuple[str, ...]
    law_library: tuple[str, ...]
    secondary: tuple[str, ...]
    weak: tuple[str, ...]
    test_host_patterns: tuple[str, ...]


@lru_cache(maxsize=4)
def host_lists(path: Path = HOSTS_FILE) -> HostLists:
    """The host lists, read once."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return HostLists(**{key: tuple(raw[key]) for key in HostLists.__dataclass_fields__})


def host_of(url: str) -> str:
    """The lower-case host of a URL, without a trailing dot or a leading www."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    return host[4:] if host.startswith("www.") else host


def _listed(host: str, hosts: tuple[str, ...]) -> bool:
    return any(host == h or host.endswith("." + h) for h in hosts)


def is_government_host(url: str) -> bool:
    """True for .gov, .mil and state .us hosts and the listed official exceptions."""
    host = host_of(url)
    if host.endswith(".gov") or host.endswith(".mil") or _STATE_US.search(host):
        return True
    return _listed(host, host_lists().government_exceptions)


def is_test_host(url: str) -> bool:
    """True for test or staging copies of a site (e.g. an 'authoring-uat' host)."""
    host = host_of(url)
    return any(re.search(pattern, host) for pattern in host_lists().test_host_patterns)


def expected_kind(url: str) -> str | None:
    """The kind a host forces, or None when the data's own label decides (secondary or law-library)."""
    host = host_of(url)
    if _listed(host, host_lists().weak):
        return "weak"
    if _listed(host, host_lists().secondary):
        return "secondary"
    if _listed(host, host_lists().law_library):
        return "law-library"
    if is_government_host(url):
        return "government"
    return None


def kind_problem(url: str, kind: str) -> str | None:
    """Why a kind label does not fit its host, or None when it fits."""
    forced = expected_kind(url)
    if kind == "government" and not is_government_host(url):
        return f"labelled government, but {host_of(url)} is not a government host"
    if forced and forced != kind:
        return f"labelled {kind}, but {host_of(url)} is listed as {forced} in {HOSTS_FILE.name}"
    if kind == "law-library" and forced is None:
        return f"labelled law-library, but {host_of(url)} is not in the law_library list of {HOSTS_FILE.name}"
    return None
