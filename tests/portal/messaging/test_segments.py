import pytest

from portal.messaging.segments import count_segments


@pytest.mark.parametrize(
    ("text", "encoding", "segments"),
    [
        ("", "GSM-7", 0),
        ("a" * 160, "GSM-7", 1),
        ("a" * 161, "GSM-7", 2),
        ("a" * 306, "GSM-7", 2),
        ("a" * 307, "GSM-7", 3),
        ("€" * 80, "GSM-7", 1),  # the euro sign is an extension character: two places each
        ("€" * 81, "GSM-7", 2),
        ("ł" * 70, "UCS-2", 1),  # one Polish letter outside GSM-7 makes the whole text UCS-2
        ("ł" * 71, "UCS-2", 2),
        ("ł" * 134, "UCS-2", 2),
        ("ł" * 135, "UCS-2", 3),
        ("😀" * 35, "UCS-2", 1),  # an emoji takes two UCS-2 units
        ("😀" * 36, "UCS-2", 2),
    ],
)
def test_segments(text, encoding, segments):
    count = count_segments(text)
    assert (count.encoding, count.segments) == (encoding, segments)


def test_extension_characters_count_twice():
    assert count_segments("[a]").units == 5
