import pytest

from portal.references import make_ref, parse_ref, parse_refs


def test_a_reference_made_is_read_back():
    assert make_ref("fgdm.member", 42) == "fgdm.member:42"
    assert parse_ref(make_ref("fgdm.member", 42), "fgdm.member") == 42


@pytest.mark.parametrize(
    "ref",
    ["fgdm.case:42", "fgdm.member", "fgdm.member:", "fgdm.member:4x", "fgdm.member:-4", "fgdm.member:٤٢", "", None],
)
def test_anything_else_is_no_reference(ref):
    assert parse_ref(ref, "fgdm.member") is None


def test_only_the_references_with_the_prefix_are_read():
    assert parse_refs(["fgdm.member:1", "fgdm.child:2", "fgdm.member:x", "fgdm.member:3"], "fgdm.member") == [1, 3]
