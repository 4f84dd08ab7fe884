from datetime import UTC, datetime, timedelta

from jarida.related import text


def test_it_weighs_a_headline_word_above_a_body_word():
    tf = text.weighted_terms(headline="الزلزال", standfirst="", body_text="الزلزال الفيضان")
    assert tf["زلزال"] > 2 * tf["فيض"]


def test_it_matches_clitic_and_article_forms_through_the_analyzer():
    a = text.weighted_terms(headline="", standfirst="", body_text="بالانتخابات البلدية")
    b = text.weighted_terms(headline="", standfirst="", body_text="الانتخابات")
    assert set(a) & set(b)


def test_the_vector_prefers_rare_terms_has_unit_length_and_survives_packing():
    full = text.vector({"نادر": 1.0, "شائع": 1.0}, {"نادر": 1, "شائع": 900}, 1000)
    assert full["نادر"] > full["شائع"]
    assert abs(sum(w * w for w in full.values()) - 1) < 1e-9
    assert list(text.key_terms(full, limit=1)) == ["نادر"]
    unpacked = text.vector_unpack(text.vector_pack(full))
    assert unpacked.keys() == full.keys()
    assert abs(unpacked["نادر"] - full["نادر"]) < 1e-5


def test_recency_breaks_a_tie_in_similarity():
    now = datetime(2026, 11, 1, tzinfo=UTC)
    me = text.Candidate(pk=1, terms={"a": 1.0}, published_at=now, section_id=1)
    recent = text.Candidate(pk=2, terms={"a": 1.0}, published_at=now - timedelta(days=7),
                            section_id=1)
    old = text.Candidate(pk=3, terms={"a": 1.0}, published_at=now - timedelta(days=1000),
                         section_id=1)
    assert text.blend_score(me, recent, rare={}) > text.blend_score(me, old, rare={})
    closer_old = text.Candidate(pk=4, terms={"a": 0.9, "b": 0.436}, published_at=old.published_at,
                                section_id=1)
    much_less_similar = text.Candidate(pk=5, terms={"a": 0.3, "c": 0.954},
                                       published_at=recent.published_at, section_id=1)
    assert text.blend_score(me, closer_old, rare={}) > text.blend_score(me, much_less_similar,
                                                                        rare={})


def test_identical_texts_share_every_band_and_different_ones_almost_none():
    body = " ".join(f"كلمة{i}" for i in range(200))
    a = text.signature(text.shingles(body))
    b = text.signature(text.shingles(body))
    c = text.signature(text.shingles(" ".join(f"لفظ{i}" for i in range(200))))
    assert text.band_keys(a) == text.band_keys(b)
    assert text.jaccard(a, b) == 1.0
    assert text.jaccard(a, c) < 0.1 and not set(text.band_keys(a)) & set(text.band_keys(c))
    assert text.signature_from_bytes(text.signature_to_bytes(a)).tolist() == a.tolist()


def test_a_trimmed_copy_is_a_duplicate_by_containment():
    body = " ".join(f"كلمة{i}" for i in range(300))
    full, part = text.shingles(body), text.shingles(" ".join(body.split()[:120]))
    j = text.jaccard(text.signature(full), text.signature(part))
    assert j < text.DUPLICATE_JACCARD
    assert text.is_duplicate(j, len(full), len(part))


def test_very_short_texts_must_be_nearly_identical():
    assert not text.is_duplicate(0.6, 3, 4)
    assert text.is_duplicate(0.95, 3, 3)


def test_pick_diverse_keeps_one_of_each_story():
    same = {frozenset((1, 2))}
    picked = text.pick_diverse([1, 2, 3], is_same=lambda a, b: frozenset((a, b)) in same,
                               limit=5)
    assert picked == [1, 3]
