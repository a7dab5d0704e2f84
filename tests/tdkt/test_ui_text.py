"""The English crawl's reader of interface words: content marked Vietnamese (the user guide)
is not the interface's own words, the page around it still is."""

from tests.tdkt.ui_text import ui_texts


def test_content_marked_vietnamese_is_not_read_as_interface_words():
    body = ('<html lang="en"><body><nav>Proposals</nav>'
            '<article lang="vi"><img src="a.png" alt="" /><table><tr><th>Vai trò</th></tr></table>'
            '<input placeholder="Tìm"></article><button>Save</button></body></html>')
    assert ui_texts(body) == ["Proposals", "Save"]


def test_headers_outside_marked_content_are_read():
    assert ui_texts('<table><tr><th>Vai trò</th></tr></table>') == ["Vai trò"]
