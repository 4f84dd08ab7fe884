"""Step 3 of the analyzer: the Arabic function words that carry no topic.

The list is written in ordinary spelling and normalized at import with the same
``normalize`` the analyzer uses, so it needs no duplicate hamza or ى/ي spellings (which
is why Lucene's list, applied before normalization, must carry them all).

Rules for adding a word: it is a preposition, pronoun, demonstrative, relative pronoun,
conjunction, particle, auxiliary or a fixed adverb, and it is not also a common topic
word. Forms with attached و / ف / ب / ل / ك are listed only for the frequent ones: the
analyzer never emits a stop word as a clitic-stripped variant, so rarer forms cost an
extra index term at most. Deliberately absent: فقد (also "he lost"), فهم ("understanding"),
ولي (as in ولي العهد), قال (a reporting verb, but a searchable one), مثل (also "he
represented"), أم (also "mother", as in أم درمان), بي (as in بي بي سي).

Known cost of folding ى into ي: على and the name علي become the same string. The
preposition is far more frequent, so علي is a stop word; the exact view of a text
(``analyze_exact``) still keeps it for phrase search.
"""

from __future__ import annotations

from jarida.arabic.normalization import normalize

_WORDS = """
من في على إلى الى عن مع حتى منذ مذ عند لدى بين خلال نحو حول دون ضد عبر قبل بعد تحت
فوق أمام وراء خلف ضمن عدا سوى غير لدن
ب ل ك و ف ال
أنا نحن أنت أنتم أنتما أنتن هو هي هم هما هن إياه إياها إياهم إياك إيانا
لي لك له لها لهم لهما لهن لنا لكم
به بها بهم بهما بك بنا بكم
فيه فيها فيهم فيهما فينا فيكم
منه منها منهم منهما منا منكم
عنه عنها عنهم عنا
عليه عليها عليهم علينا عليكم
إليه إليها إليهم إلينا
معه معها معهم معنا
لديه لديها لديهم لدينا
عنده عندها عندهم
بينهم بينها بيننا
هذا هذه هذان هذين هاتان هاتين هؤلاء ذلك تلك ذاك أولئك هناك هنا هنالك هكذا كذلك
الذي التي الذين اللذان اللذين اللتان اللتين اللاتي اللواتي اللائي
ثم أو بل لكن لكنه لكنها ولكن حيث إذ إذا إذن لو لولا كي لكي
أن إن أنه إنه أنها إنها أنهم إنهم بأن لأن لأنه لأنها كأن
لا لم لن ما ليس ليست ليسوا قد لقد سوف هل كيف متى أين لماذا ماذا كم أي أيضا فقط جدا
كل بعض جميع كلا كلتا أما إما إلا ألا بينما عندما كلما مما لما كما فيما بما ربما إنما
ثمة الآن الان لذا لذلك بذلك وذلك
كان كانت كانوا كنت يكون تكون يكونوا تكونوا ستكون سيكون أصبح أصبحت أصبحوا بات باتت
صار صارت ظل ظلت زال مازال مازالت يزال تزال
ومن وفي وعلى وإلى وعن ومع وبين وقد ولم ولا ولن وما وهو وهي وهم وكان وكانت وأن وإن
وأنه وأنها وكل وهذا وهذه وكذلك فإن فأن فهو فهي فما ولقد بهذا بهذه لهذا لهذه وهناك
""".split()

STOP_WORDS: frozenset[str] = frozenset(normalize(word) for word in _WORDS)


# The conjunctions و and ف attach to function words as freely as to anything else
# (والذي, فهذه, وعندما). Listing every such pair would double the list, so the rule
# covers them: و/ف + a stop word of 3 letters or more is a stop word. The 3-letter floor
# keeps content words built like و/ف + a 2-letter particle: ولي, فهم, فقد, وهم.
_CONJUNCTIONS = frozenset("وف")
_MIN_CONJOINED_STOP_WORD = 3


def is_normalized_stop_word(token: str) -> bool:
    """``is_stop_word`` for a token already normalized (the analyzer's hot path)."""
    return token in STOP_WORDS or (
        len(token) > _MIN_CONJOINED_STOP_WORD
        and token[0] in _CONJUNCTIONS
        and token[1:] in STOP_WORDS
    )


def is_stop_word(token: str) -> bool:
    """Whether ``token`` is a function word the analyzer drops.

    ``token`` is one word in any spelling: it is normalized first, so إلى, الى and
    إلي are all stop words. Besides the list, و or ف followed by a listed word of 3
    letters or more is a stop word (والذي, فهذه), but not و/ف + a 2-letter one (ولي).
    """
    return is_normalized_stop_word(token) or is_normalized_stop_word(normalize(token).strip())
