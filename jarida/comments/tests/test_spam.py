"""The spam score learns from moderators' decisions and files likely spam apart."""

import itertools

import pytest

from jarida.comments.models import Comment, SpamTerm
from jarida.comments.services import comment_add, comments_moderate
from jarida.comments.spam import spam_features, spam_score
from jarida.comments.tests.conftest import post_comment

pytestmark = pytest.mark.django_db

SPAM_OPENINGS = ["اربح المال من بيتك", "فرصة ذهبية للربح", "خصم هائل اليوم فقط",
                 "أفضل موقع للمراهنات", "دخل يومي مضمون"]
SPAM_ENDINGS = ["سجل الآن عبر https://win-cash.example.com", "اضغط الرابط www.bonus.example.net",
                "تواصل واتساب واحصل على هدية مجانية", "العرض محدود فلا تفوته"]
HAM_OPENINGS = ["أتفق مع ما جاء في التقرير", "أرجو أن تهتم الوزارة", "سؤال للكاتب",
                "تجربتي في مدينتنا مختلفة", "معلومة مهمة عن المحطة"]
HAM_ENDINGS = ["فالمياه ما زالت تنقطع في حيّنا كل أسبوع", "بالقرى البعيدة عن الساحل أيضًا",
               "كم تبلغ كلفة المتر المكعب بعد التشغيل؟", "شكرًا على التغطية الدقيقة"]


def train(article, moderator, *, spam: int = 20, ham: int = 20) -> None:
    spam_texts = [f"{a}، {b}" for a, b in itertools.product(SPAM_OPENINGS, SPAM_ENDINGS)][:spam]
    ham_texts = [f"{a}، {b}" for a, b in itertools.product(HAM_OPENINGS, HAM_ENDINGS)][:ham]
    for i, text in enumerate(spam_texts + ham_texts):
        comment_add(article=article, name="قارئ", email=f"r{i}@example.com", body=text,
                    status="pending")
    comments_moderate(comments=Comment.objects.filter(body__in=spam_texts), action="spam",
                      by=moderator)
    comments_moderate(comments=Comment.objects.filter(body__in=ham_texts), action="approve",
                      by=moderator)


def test_there_is_no_score_until_moderators_decided_enough(article, moderator):
    train(article, moderator, spam=19, ham=20)
    assert spam_score(spam_features("اربح المال من بيتك الآن")) is None


def test_it_sends_likely_spam_to_the_spam_folder(client, article, moderator, comments_conf):
    comments_conf(RATE_PER_IP="100/60")
    train(article, moderator)
    post_comment(client, article, email="new1@example.com",
                 body="فرصة للربح: دخل مضمون من البيت، سجل الآن https://win-cash.example.com")
    post_comment(client, article, email="new2@example.com",
                 body="أرجو أن تنشروا كلفة المحطة على القرى، فالمياه تنقطع عندنا")
    spam = Comment.objects.get(commenter__email="new1@example.com")
    ham = Comment.objects.get(commenter__email="new2@example.com")
    assert spam.status == "spam" and spam.spam_score >= 0.95
    assert ham.status == "pending" and ham.spam_score < 0.5


def test_features_are_analyzed_terms_link_hosts_and_the_link_count():
    features = spam_features("الربحُ السريع في https://www.win-cash.example.com/x وأرباح")
    assert "host:win-cash.example.com" in features and "links:1" in features
    assert "ربح" in features  # the stem, whatever the spelling
    assert "links:0" in spam_features("بلا روابط")


def test_changing_a_decision_unlearns_the_old_one(article, moderator):
    comment = comment_add(article=article, name="قارئ", email="r@example.com",
                          body="عرض خاص للربح", status="pending")

    def docs():
        row = SpamTerm.objects.filter(term=SpamTerm.DOCS_TERM).first()
        return (row.spam_count, row.ham_count) if row else (0, 0)

    comments_moderate(comments=[comment], action="spam", by=moderator)
    assert docs() == (1, 0)
    comments_moderate(comments=[comment], action="approve", by=moderator)
    assert docs() == (0, 1)
    # A rejection is abuse, not spam: it teaches nothing, and unlearns the approval.
    comments_moderate(comments=[comment], action="reject", by=moderator)
    assert docs() == (0, 0)
    assert SpamTerm.objects.filter(term="ربح").get().ham_count == 0
