"""Tagged PDFs joined end to end (with pikepdf, on qpdf), still tagged: one structure tree, one parent tree, the
bookmarks of each in order, and a title of their own.

A state's deck is the topic deck's full sheets and the state's last sheet. Drawing the full sheets again for every
state was most of a build's time; drawn once and joined to each state's own pages, they cost a copy.
"""

from __future__ import annotations

import io
from typing import Any


def joined(first: bytes, second: bytes, *, title: str) -> bytes:
    """Two PDFs (each tagged by WeasyPrint: a /Document element holding each page's elements) as one, under
    `title`: the first's catalog (language, PDF/UA identifier, tagged mark) with the second's pages, structure
    elements, parent tree entries and bookmarks after its own."""
    import pikepdf

    out = pikepdf.open(io.BytesIO(first))
    source = pikepdf.open(io.BytesIO(second))
    document = _document(out)
    nums = out.Root.StructTreeRoot.ParentTree.Nums
    offset = len(out.pages)
    # A page's marked content finds its elements under its key in the parent tree: the second's keys follow the first's.
    after = max((int(nums[i]) for i in range(0, len(nums), 2)), default=-1) + 1
    keys = {int(page.obj.StructParents): after + int(page.obj.StructParents) for page in source.pages}
    for page in source.pages:   # the pages before the elements, so that each element's /Pg is the copy
        out.pages.append(page)
    for page in out.pages[offset:]:
        page.obj.StructParents = keys[int(page.obj.StructParents)]
    for element in _document(source).K:
        del element["/P"]   # its parent is the other document: copied, it would bring the other tree
        copy = out.copy_foreign(element)
        copy.P = document
        document.K.append(copy)
    source_nums = source.Root.StructTreeRoot.ParentTree.Nums
    for i in range(0, len(source_nums), 2):
        nums.append(keys[int(source_nums[i])])
        nums.append(_copied(out, source_nums[i + 1]))
    where = {page.obj.objgen: out.pages[offset + n].obj for n, page in enumerate(source.pages)}
    with out.open_outline() as outline, source.open_outline() as bookmarks:
        outline.root.extend(_bookmark(item, where) for item in bookmarks.root)
    out.docinfo[pikepdf.Name.Title] = title
    with out.open_metadata(set_pikepdf_as_editor=False) as metadata:
        metadata["dc:title"] = title
    written = io.BytesIO()
    out.save(written, object_stream_mode=pikepdf.ObjectStreamMode.generate, deterministic_id=True)
    return written.getvalue()


def _document(pdf: Any) -> Any:
    """The /Document structure element at the root of a tagged PDF's structure tree."""
    import pikepdf

    kids = pdf.Root.StructTreeRoot.K
    documents = [kid for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]) if kid.S == pikepdf.Name.Document]
    if len(documents) != 1:
        raise ValueError(f"a tagged PDF with one /Document element expected, found {len(documents)}")
    return documents[0]


def _copied(out: Any, value: Any) -> Any:
    """A parent tree entry copied into `out`: an element, or an array of elements (one per marked content)."""
    import pikepdf

    if value.is_indirect:
        return out.copy_foreign(value)
    return pikepdf.Array([out.copy_foreign(item) if item.is_indirect else item for item in value])


def _bookmark(item: Any, where: dict[tuple[int, int], Any]) -> Any:
    """A bookmark and its children, pointing at the same place on the copied page."""
    import pikepdf

    destination = pikepdf.Array([where[item.destination[0].objgen], *list(item.destination)[1:]])
    made = pikepdf.OutlineItem(item.title, destination=destination)
    made.children.extend(_bookmark(child, where) for child in item.children)
    return made
