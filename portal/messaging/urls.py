from django.urls import path

from portal.messaging import views, webhooks

app_name = "messaging"

urlpatterns = [
    # case_ref is "fgdm.case:3": an id, never a name, so the address gives nothing away.
    path("staff/messages/<str:case_ref>/", views.case_messages, name="case_messages"),
    path("staff/messages/<str:case_ref>/<int:message_id>/resend/", views.resend, name="resend"),
    path("messaging/twilio/status/", webhooks.twilio_status, name="twilio_status"),
    path("messaging/twilio/inbound/", webhooks.twilio_inbound, name="twilio_inbound"),
]
