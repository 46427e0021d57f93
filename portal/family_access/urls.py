from django.urls import path

from portal.family_access import views

app_name = "family_access"

urlpatterns = [
    path("code/", views.code, name="code"),
    path("code/new/", views.resend, name="resend"),
    path("home/", views.home, name="home"),
    path("signed-out/", views.signed_out, name="signed_out"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("leave/", views.leave, name="leave"),
    path("<str:token>", views.landing, name="landing"),
]
