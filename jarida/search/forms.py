"""The search page's filters, checked at the edge: a bad value is a message beside its
field, never an error page, and never reaches the database as written."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jarida.newsroom.models import Author, Section

_SLUG = re.compile(r"[-\w]{1,80}")


class SearchFilterForm(forms.Form):
    section = forms.ChoiceField(label=_("القسم"), required=False)
    author = forms.CharField(required=False, widget=forms.HiddenInput)
    since = forms.DateField(label=_("من تاريخ"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    until = forms.DateField(label=_("إلى تاريخ"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.sections = {s.slug: s for s in Section.objects.only("name", "slug", "parent")}
        self.fields["section"].choices = [("", _("كل الأقسام")), *(
            (slug, s.name) for slug, s in self.sections.items())]

    def clean_section(self) -> Section | None:
        return self.sections.get(self.cleaned_data["section"])

    def clean_author(self) -> Author | None:
        slug = self.cleaned_data["author"]
        if not slug:
            return None
        author = Author.objects.filter(slug=slug).first() if _SLUG.fullmatch(slug) else None
        if author is None:
            raise forms.ValidationError(_("لا يوجد كاتب بهذا المعرّف."))
        return author

    def clean(self) -> dict:
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("تاريخ النهاية قبل تاريخ البداية."))
        return data

    def published_range(self) -> tuple[datetime | None, datetime | None]:
        """[since, until) as times: whole days in the site's time zone, `until` included."""
        zone = timezone.get_current_timezone()
        since, until = self.cleaned_data.get("since"), self.cleaned_data.get("until")
        return (
            datetime.combine(since, time.min, zone) if since else None,
            datetime.combine(until + timedelta(days=1), time.min, zone) if until else None,
        )
