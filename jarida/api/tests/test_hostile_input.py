"""Whatever a client sends, the API answers 4xx with a JSON error, never 500."""

import pytest

pytestmark = pytest.mark.django_db

HOSTILE = [
    "' OR 1=1 --",
    "1; DROP TABLE newsroom_article",
    "<script>alert(1)</script>",
    "\x00",
    "abc\x00def",
    "\u202eabc",  # a right-to-left override
    "-1",
    "1e3",
    "1.5",
    "٣",  # an Arabic-Indic digit
    "+5",
    " 5",
    "99999999999999999999999999999999",
    "9" * 5000,
    "null",
    "[]",
    "%00",
]

PARAMETERS = {
    "/api/v1/articles": ["limit", "offset", "section", "author", "tag", "since", "until"],
    "/api/v1/sections": ["limit", "offset"],
    "/api/v1/authors": ["limit", "offset"],
    "/api/v1/tags": ["limit", "offset"],
}


@pytest.mark.parametrize("endpoint", list(PARAMETERS))
def test_hostile_query_parameters_get_a_400_that_names_them(client, news, endpoint):
    for parameter in PARAMETERS[endpoint]:
        for value in HOSTILE:
            response = client.get(endpoint, {parameter: value})
            assert response.status_code == 400, (parameter, value, response.status_code)
            error = response.json()["error"]
            assert error["parameter"] == parameter
            assert error["code"] in ("invalid_parameter", "unknown_value")


@pytest.mark.parametrize("value", ["0", "-1", "1.0", "1e2", "٣", "abc", "' OR 1=1",
                                   "<script>", "99999999999999999999", "9223372036854775808",
                                   "1" * 400, "%00", "%20", "12%2F34"])
def test_a_malformed_or_impossible_article_id_is_404(client, news, value):
    response = client.get(f"/api/v1/articles/{value}")
    assert response.status_code == 404, value
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(("name", "value"), [
    ("limit", "101"), ("limit", "0"), ("offset", "10001"), ("since", "2026-02-30"),
    ("since", "2026-13-01"), ("until", "0001-01-01"), ("until", "9999-12-31T23:59:59-12:00"),
    ("since", "1899-12-31"), ("since", "2026-11-25T25:00:00"),
    ("section", "ب" * 81),
])
def test_out_of_range_values_are_refused_before_any_query(client, news, name, value,
                                                          django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/api/v1/articles", {name: value})
    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == name


def test_the_largest_allowed_page_and_offset_work(client, news):
    response = client.get("/api/v1/articles", {"limit": "100", "offset": "10000"})
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_unknown_parameters_are_ignored_and_repeated_ones_take_the_last_value(client, news):
    response = client.get("/api/v1/articles?limit=50&limit=2&utm_source=x&_=1")
    assert response.status_code == 200
    assert response.json()["limit"] == 2
