"""The reader forms. They check shape only (required fields, an email address, sizes
a browser would never send); the rules of what is accepted live in services.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jarida.comments.conf import comments_setting
from jarida.comments.models import CommentReport


class CommentForm(forms.Form):
    name = forms.CharField(label=_("الاسم"), max_length=200,
                           widget=forms.TextInput(attrs={"autocomplete": "name", "dir": "auto"}))
    email = forms.EmailField(label=_("البريد الإلكتروني"), help_text=_("لن يظهر للقراء."),
                             widget=forms.EmailInput(attrs={"autocomplete": "email",
                                                            "dir": "ltr"}))
    body = forms.CharField(label=_("تعليقك"), strip=False,
                           widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}))
    parent = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    # The honeypot: hidden from people by CSS and from assistive technology by
    # aria-hidden; form-filling bots fill a field called "website".
    website = forms.CharField(required=False, label=_("اترك هذا الحقل فارغًا"),
                              widget=forms.TextInput(attrs={"tabindex": "-1",
                                                            "autocomplete": "off"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs["maxlength"] = comments_setting("MAX_LENGTH")
        self.fields["name"].widget.attrs["maxlength"] = comments_setting("MAX_NAME_LENGTH")

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        # Far beyond the limit: refuse before any work on it (the exact limit, counted
        # after cleaning, is the service's).
        if len(body) > 4 * comments_setting("MAX_LENGTH"):
            raise forms.ValidationError(_("التعليق أطول بكثير من المسموح."), code="long")
        if not body.strip():
            raise forms.ValidationError(_("اكتب تعليقك."), code="required")
        return body

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("سبب البلاغ"), choices=CommentReport.Reason.choices,
                               widget=forms.RadioSelect)
