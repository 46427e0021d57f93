from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from fgdm.family_forms import LanguageForm
from fgdm.services.network import choose_language
from portal.forms import show_service_errors, submitted
from portal.permissions import member_view


@member_view
def language(request, member):
    """The member's own language, chosen here, wins on every page, message and calendar file."""
    form = LanguageForm(submitted(request), initial={"language": member.language})
    if request.method == "POST" and form.is_valid():
        try:
            choose_language(member=member, language=form.cleaned_data["language"])
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            with translation.override(member.language):
                messages.success(request, _("We will use this language from now on."))
            return redirect("family:meeting")
    return render(request, "fgdm/family/language.html", {"form": form})
