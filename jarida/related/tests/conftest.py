"""Short stories of our own for related-list and duplicate tests: two on a drought and
water rationing, two on a football final, one on fuel prices, one on a book fair."""

from __future__ import annotations

import pytest

from jarida.conftest import make_article, make_section

STORIES = {
    "drought": (
        "الجفاف يدفع بلدية الواحة إلى تقنين مياه الشرب",
        "<p>قررت بلدية الواحة تقنين توزيع مياه الشرب على الأحياء بعد أن انخفض منسوب السد "
        "الرئيسي إلى أدنى مستوى له منذ عشرين عامًا بسبب الجفاف.</p>"
        "<p>وقال رئيس البلدية إن المياه ستصل إلى كل حي ثلاثة أيام في الأسبوع، وإن صهاريج "
        "البلدية ستخدم المستشفيات والمدارس يوميًا حتى يعود المطر.</p>"
        "<p>ودعا المزارعين إلى ري الحقول ليلًا لتقليل التبخر، وإلى إصلاح القنوات المكسورة "
        "التي تهدر جزءًا كبيرًا من مياه السد.</p>",
    ),
    "drought_followup": (
        "مزارعو الواحة يطالبون بتعويضات بعد تقنين مياه السد",
        "<p>طالب مزارعو الواحة الحكومة بتعويضات عن خسائر محاصيلهم بعد أن قلّصت البلدية حصص "
        "مياه الري من السد الرئيسي بسبب الجفاف الذي يضرب المنطقة.</p>"
        "<p>وقال ممثل المزارعين إن حقول القمح والنخيل تحتاج إلى الري أسبوعيًا، وإن تقنين "
        "المياه يهدد موسم الحصاد كله في الواحة.</p>"
        "<p>وردت وزارة الزراعة بأنها تدرس خطة دعم للمزارعين المتضررين من الجفاف.</p>",
    ),
    "final": (
        "نادي النجوم يفوز بكأس البطولة بعد ركلات الترجيح",
        "<p>توّج نادي النجوم بكأس البطولة بعد فوزه على نادي الشروق بركلات الترجيح في "
        "المباراة النهائية التي انتهى وقتها الأصلي بالتعادل بهدف لمثله.</p>"
        "<p>وتألق حارس النجوم في ركلات الترجيح فصد ركلتين، فيما احتفل آلاف المشجعين في "
        "الملعب حتى ساعة متأخرة من الليل.</p>"
        "<p>وقال مدرب النجوم إن الفوز بالكأس ثمرة موسم كامل من العمل.</p>",
    ),
    "final_reaction": (
        "مدرب الشروق: خسرنا الكأس بركلات الترجيح لا بالأداء",
        "<p>قال مدرب نادي الشروق إن فريقه قدّم مباراة نهائية كبيرة أمام نادي النجوم، وإن "
        "خسارة كأس البطولة بركلات الترجيح لا تقلل من موسم لاعبيه.</p>"
        "<p>وأضاف أن الحارس المنافس كان نجم المباراة النهائية، وأن فريقه سيعود في الموسم "
        "المقبل أقوى للمنافسة على الكأس.</p>",
    ),
    "fuel": (
        "الحكومة ترفع أسعار الوقود للمرة الثانية هذا العام",
        "<p>أعلنت الحكومة رفع أسعار البنزين والديزل بنسبة خمسة في المئة اعتبارًا من مطلع "
        "الشهر المقبل، في ثاني زيادة على أسعار الوقود هذا العام.</p>"
        "<p>وقالت وزارة المالية إن الزيادة تخفف عجز الموازنة، بينما حذّر اقتصاديون من أثرها "
        "على أسعار النقل والسلع الغذائية.</p>",
    ),
    "books": (
        "معرض الكتاب يستقبل زواره بمشاركة ثلاثمئة دار نشر",
        "<p>افتتح معرض الكتاب السنوي أبوابه للزوار بمشاركة ثلاثمئة دار نشر عربية وأجنبية، "
        "وبرنامج ثقافي يضم أمسيات شعرية وندوات عن الترجمة والرواية.</p>"
        "<p>وخصص المعرض جناحًا لكتب الأطفال وورشًا للقراءة والرسم طوال أيامه العشرة.</p>",
    ),
}


def story(key: str, **fields):
    """A published article telling one of STORIES (fields override the factory's)."""
    headline, body = STORIES[key]
    fields.setdefault("standfirst", "")
    return make_article(headline=fields.pop("headline", headline), body=fields.pop("body", body),
                        **fields)


@pytest.fixture
def news(db, django_capture_on_commit_callbacks):
    """Six published articles, in two sections, a few hours apart, each published as the
    newsroom does (so the neighbours' lists are refreshed after each commit)."""
    local, sport = make_section("محليات"), make_section("رياضة")
    with django_capture_on_commit_callbacks(execute=True):
        return {
            "drought": story("drought", section=local, hours_ago=30),
            "drought_followup": story("drought_followup", section=local, hours_ago=5),
            "final": story("final", section=sport, hours_ago=20),
            "final_reaction": story("final_reaction", section=sport, hours_ago=4),
            "fuel": story("fuel", section=local, hours_ago=10),
            "books": story("books", section=local, hours_ago=2),
        }
