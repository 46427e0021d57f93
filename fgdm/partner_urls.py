"""A partner agency's pages: the link from their email, the code, the questions. No account, no other access."""

from django.urls import path

from fgdm.views import partner

app_name = "partner"

urlpatterns = [
    path("code/", partner.code, name="code"),
    path("code/new/", partner.resend, name="resend"),
    path("answer/", partner.answer, name="answer"),
    path("thank-you/", partner.done, name="done"),
    path("closed/", partner.closed, name="closed"),
    path("<str:token>", partner.landing, name="landing"),
]
