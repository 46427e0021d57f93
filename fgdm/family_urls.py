"""A signed-in family member's pages. No ids in these URLs: the session says who and which case."""

from django.urls import path

from fgdm.views.family import language, meeting, plan

app_name = "family"

urlpatterns = [
    path("meeting/", meeting.my_meeting, name="meeting"),
    path("meeting/calendar.ics", meeting.calendar, name="calendar"),
    path("meeting/reply/", meeting.reply, name="reply"),
    path("meeting/times/", meeting.times, name="times"),
    path("plan/", plan.plan, name="plan"),
    path("plan/write/", plan.write_plan, name="write_plan"),
    path("views/", plan.my_views, name="views"),
    path("child/", plan.voice, name="voice"),
    path("child/picture/", plan.voice_picture, name="voice_picture"),
    path("feedback/", plan.feedback, name="feedback"),
    path("language/", language.language, name="language"),
]
