"""Word-level diffs: marked, readable without colour, and escaped."""

import re

from rmn_portal.statements.diff import tokens, word_diff
from rmn_portal.statements.text import bundle_sha256, excerpt, paragraphs, parse_tags, text_sha256


def test_a_changed_word_is_shown_as_deleted_and_inserted():
    html, stats = word_diff("Pushbacks must stop now.", "Pushbacks must end now.")
    assert str(html) == (
        "Pushbacks must "
        '<del><span class="visually-hidden">deleted: </span>'
        '<span class="diff-bracket" aria-hidden="true">[-</span>stop'
        '<span class="diff-bracket" aria-hidden="true">-]</span></del>'
        '<ins><span class="visually-hidden">inserted: </span>'
        '<span class="diff-bracket" aria-hidden="true">{+</span>end'
        '<span class="diff-bracket" aria-hidden="true">+}</span></ins>'
        " now.")
    assert (stats.inserted, stats.deleted) == (1, 1)


def test_identical_texts_have_no_marks():
    html, stats = word_diff("Same words.\n\nSame lines.", "Same words.\n\nSame lines.")
    assert "<ins>" not in html and "<del>" not in html
    assert stats.unchanged


def test_whole_words_are_compared_not_letters():
    _html, stats = word_diff("azil je pravo", "azil je pravo svakog čoveka")
    assert (stats.inserted, stats.deleted) == (2, 0)
    assert tokens("Đurđa's—text\nnext") == ["Đurđa", "'", "s", "—", "text", "\n", "next"]


def test_text_in_a_diff_is_escaped():
    html, _stats = word_diff("<b>safe</b>", '<script>alert("x")</script> & more')
    # Only the diff's own markup is left once its tags are taken out.
    own = re.compile(r'</?(ins|del)>|<span class="(visually-hidden|diff-bracket)"'
                     r'( aria-hidden="true")?>|</span>')
    rest = own.sub("", str(html)).replace("[-", "").replace("-]", "").replace("{+", "")
    rest = rest.replace("+}", "").replace("deleted: ", "").replace("inserted: ", "")
    assert "<" not in rest and ">" not in rest
    assert rest == "&lt;bscript&gt;safealert(&#34;x&#34;)&lt;/bscript&gt; &amp; more"


def test_paragraphs_keep_lists_and_headings_whole():
    body = "# Heading\n\nFirst *para*.\n\n- one\n- two\n\n> quoted\n\nLast [link](https://x.org)."
    blocks = paragraphs(body)
    assert [b.number for b in blocks] == [1, 2, 3, 4, 5]
    assert blocks[2].source == "- one\n- two"
    assert blocks[1].excerpt == "First para."
    assert blocks[4].excerpt == "Last link."
    assert excerpt("word " * 100, 20).endswith("…") and len(excerpt("word " * 100, 20)) == 20


def test_fingerprints_are_stable_and_sensitive():
    one = text_sha256("Title", "Body\r\ntext")
    assert one == text_sha256("Title", "Body\ntext")  # line endings do not matter
    assert one != text_sha256("Title", "Body text")
    bundle = bundle_sha256({"sr": "a" * 64, "en": "b" * 64})
    assert bundle == bundle_sha256({"en": "b" * 64, "sr": "a" * 64})
    assert len(bundle) == 64


def test_tags_are_normalised():
    assert parse_tags(" Pushbacks, border ,pushbacks,, Asylum  law ") == [
        "pushbacks", "border", "asylum law"]


def test_changes_to_different_paragraphs_merge():
    from rmn_portal.statements.merge import merge_lines, merge_texts

    base = "One.\n\nTwo.\n\nThree."
    theirs = "One, improved.\n\nTwo.\n\nThree."
    mine = "One.\n\nTwo.\n\nThree, extended.\n\nFour."
    assert merge_lines(base, theirs, mine) == "One, improved.\n\nTwo.\n\nThree, extended.\n\nFour."
    # The same change on both sides is taken once.
    assert merge_lines(base, theirs, theirs) == theirs
    # The same line changed differently needs a person.
    assert merge_lines(base, "One!\n\nTwo.\n\nThree.", "One?\n\nTwo.\n\nThree.") is None
    assert merge_lines(base, base + "\n\nA.", base + "\n\nB.") is None
    assert merge_texts(("T", base), ("T2", theirs), ("T", mine))[0] == "T2"
    assert merge_texts(("T", base), ("T2", theirs), ("T3", mine)) is None
