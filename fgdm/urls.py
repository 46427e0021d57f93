from django.urls import path

from fgdm.views import cases, data_rights, figures, letters, meetings, network, outcomes, plans

app_name = "fgdm"

urlpatterns = [
    path("", cases.case_list, name="case_list"),
    path("new/", cases.new_referral, name="new_referral"),
    path("<int:case_id>/", cases.case_page, name="case"),
    path("<int:case_id>/coordinator/", cases.coordinator, name="coordinator"),
    path("<int:case_id>/duty-to-offer/", cases.duty_to_offer, name="duty_to_offer"),
    path("<int:case_id>/consent/", cases.consent, name="consent"),
    path("<int:case_id>/network/", network.network, name="network"),
    path("<int:case_id>/network/map/", network.network_map, name="network_map"),
    path("<int:case_id>/network/add/", network.add, name="add_member"),
    path("<int:case_id>/network/<int:member_id>/", network.edit, name="edit_member"),
    path("<int:case_id>/network/<int:member_id>/participation/", network.participation, name="participation"),
    path("<int:case_id>/network/<int:member_id>/sign-in-lock/", network.sign_in_lock, name="sign_in_lock"),
    path("<int:case_id>/network/<int:member_id>/letters/", letters.member_letters, name="member_letters"),
    path(
        "<int:case_id>/network/<int:member_id>/letters/<int:meeting_id>/<slug:letter>.pdf",
        letters.letter,
        name="letter",
    ),
    path("<int:case_id>/meeting/", meetings.meeting, name="meeting"),
    path("<int:case_id>/meeting/review/", meetings.review_meeting, name="review_meeting"),
    path("<int:case_id>/meeting/separate/", meetings.separate_meeting, name="separate_meeting"),
    path("<int:case_id>/meeting/separate/change/", meetings.change_separate_meeting, name="change_separate_meeting"),
    path("<int:case_id>/meeting/separate/cancel/", meetings.cancel_separate_meeting, name="cancel_separate_meeting"),
    path("<int:case_id>/meeting/invite/", meetings.invite, name="invite"),
    path("<int:case_id>/meeting/replies/", meetings.replies, name="replies"),
    path("<int:case_id>/meeting/times/", plans.times, name="times"),
    path("<int:case_id>/meeting/times/<int:slot_id>/confirm/", plans.confirm_time, name="confirm_time"),
    path("<int:case_id>/meeting/plan-writer/", plans.plan_writer, name="plan_writer"),
    path("<int:case_id>/plan/", plans.plan, name="plan"),
    path("<int:case_id>/views/", plans.contributions, name="contributions"),
    path("<int:case_id>/meeting/held/", outcomes.held, name="held"),
    path("<int:case_id>/meeting/record-past/", outcomes.record_past, name="record_past"),
    path("<int:case_id>/meeting/interpreters/", outcomes.interpreters, name="interpreters"),
    path("<int:case_id>/outcome/", outcomes.outcome, name="outcome"),
    path("<int:case_id>/hold/", outcomes.hold, name="hold"),
    path("<int:case_id>/voices/<int:voice_id>/picture/", plans.voice_picture, name="voice_picture"),
    path("feedback/", plans.feedback_report, name="feedback_report"),
    path("figures/", figures.dashboard, name="figures"),
    path("subject-access/", data_rights.subject_access, name="subject_access"),
    path("figures/<slug:key>.csv", figures.figure_csv, name="figure_csv"),
]
