"""What every keyset-paged list must do, as one check the spec tests call: every row once, in order, from any page."""

from __future__ import annotations


def walk_pages(query) -> list[str]:
    """The uids of every page read one after another, as a user scrolling down meets them."""
    uids, index = [], 0
    while True:
        rows = query.page(index)
        uids += [query.uid_of(r) for r in rows]
        if len(rows) < query.page_size:
            return uids
        index += 1


def check_paging(spec, conn, flt, expected: list[str], *, page_size: int, sort: str | None = None,
                 descending: bool | None = None) -> None:
    """Pages, slices across page boundaries, anchors, count and position_of all agree with `expected`."""
    def query():
        return spec.query(conn, flt, sort=sort, descending=descending, page_size=page_size)

    assert walk_pages(query()) == expected
    assert query().count() == len(expected)
    assert [query().uid_of(r) for r in query().rows(page_size - 2, page_size + 3)] == \
        expected[page_size - 2:page_size + 3]  # a slice that straddles the first page boundary
    anchored = query()
    anchored.build_anchors()
    pages = -(-len(expected) // page_size)
    assert len(anchored._anchors or []) == pages
    for index in reversed(range(pages + 1)):  # backwards: every page found from its anchor, not its neighbour
        by_offset = query()
        assert [anchored.uid_of(r) for r in anchored.page(index)] == [by_offset.uid_of(r) for r in by_offset.page(index)]
    for position, uid in enumerate(expected):
        assert query().position_of(uid) == position
        assert anchored.position_of(uid) == position
