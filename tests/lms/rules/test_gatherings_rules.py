"""Table tests for lms.rules.gatherings: which kinds carry CE, names, sign-in sheets."""

import pytest

from lms.rules.gatherings import kind_offers_ce, organization_name_key, sign_in_sheet_read


@pytest.mark.parametrize(
    ("kind", "offers"),
    [
        ("ce_training", True),
        ("lac_meeting", False),
        ("advocacy_day", False),
        ("hhs_coalition", False),
        ("community_of_practice", False),
        ("webinar", False),
        ("", False),
    ],
)
def test_only_a_ce_training_offers_ce(kind, offers):
    assert kind_offers_ce(kind) is offers


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Good Neighbors", "good neighbors", True),
        ("  Good   Neighbors ", "Good Neighbors", True),
        ("GOOD\tNEIGHBORS", "good neighbors", True),
        ("Good Neighbors", "Good Neighbor", False),
        ("Straße Agency", "STRASSE agency", True),  # casefold, not lower
    ],
)
def test_organization_names_compare_without_case_or_spaces(a, b, same):
    assert (organization_name_key(a) == organization_name_key(b)) is same


@pytest.mark.parametrize(
    ("text", "rows", "problems"),
    [
        # (line, name, email, organization, errors)
        (
            "name,email,organization\nAna Ruiz,Ana@Agency.org,Good Neighbors\n",
            [(2, "Ana Ruiz", "ana@agency.org", "Good Neighbors", ())],
            [],
        ),
        (  # columns in any order and case, extra columns ignored, blank lines skipped
            "Organization,Phone,EMAIL,Name\n\nGood  Neighbors,555,a@b.org, Ana  Ruiz \n",
            [(3, "Ana Ruiz", "a@b.org", "Good Neighbors", ())],
            [],
        ),
        (
            "\ufeffname,email,organization\n,a@b.org,X\nBo,,X\nCy,not-an-email,\n",
            [
                (2, "", "a@b.org", "X", ("no name",)),
                (3, "Bo", "", "X", ("no email",)),
                (4, "Cy", "not-an-email", "", ("“not-an-email” is not an email address",)),
            ],
            [],
        ),
        (
            "name,email,organization\nAna,a@b.org,X\nAna again,A@B.org,Y\n",
            [
                (2, "Ana", "a@b.org", "X", ()),
                (3, "Ana again", "a@b.org", "Y", ("a@b.org is already on line 2",)),
            ],
            [],
        ),
        ("name,email\nAna,a@b.org\n", [], ["missing: organization"]),
        ("", [], ["The file is empty."]),
        ("name,email,organization\n", [], ["The file has a header but no rows."]),
        ("name,email,organization\nAna,a@b.org\n", [(2, "Ana", "a@b.org", "", ())], []),
    ],
)
def test_sign_in_sheet_rows_and_errors(text, rows, problems):
    sheet = sign_in_sheet_read(text)
    assert [(r.line, r.name, r.email, r.organization, r.errors) for r in sheet.rows] == rows
    assert len(sheet.problems) == len(problems)
    for got, wanted in zip(sheet.problems, problems, strict=True):
        assert wanted in got
