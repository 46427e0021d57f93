from django.urls import path

from network_support.views import family, manager, staff

app_name = "network_support"

urlpatterns = [
    # Staff
    path("support/", staff.support_home, name="home"),
    path("support/manager/", manager.overview, name="manager"),
    path("support/manager/budget/", manager.budget, name="budget"),
    path("support/manager/limits/", manager.limits, name="limits"),
    path("support/manager/payments.csv", manager.export, name="export"),
    path("support/cases/<int:case_id>/", staff.case_requests, name="case_requests"),
    path("support/cases/<int:case_id>/new/", staff.new_request, name="new_request"),
    path("support/cases/<int:case_id>/requests/<int:request_id>/", staff.request_page, name="request"),
    path("support/cases/<int:case_id>/requests/<int:request_id>/decide/", staff.decide, name="decide"),
    path("support/cases/<int:case_id>/requests/<int:request_id>/end/", staff.end, name="end"),
    path(
        "support/cases/<int:case_id>/requests/<int:request_id>/payments/<int:payment_id>/paid/",
        staff.paid,
        name="paid",
    ),
    # Family: the signed-in member's own requests only
    path("f/help/", family.my_requests, name="family_requests"),
    path("f/help/ask/", family.ask, name="family_ask"),
    path("f/help/<int:request_id>/", family.request_page, name="family_request"),
    path("f/help/<int:request_id>/add/", family.add_thing, name="family_add"),
    path("f/help/<int:request_id>/items/<int:item_id>/remove/", family.remove_thing, name="family_remove"),
    path("f/help/<int:request_id>/send/", family.send, name="family_send"),
    path("f/help/<int:request_id>/withdraw/", family.withdraw, name="family_withdraw"),
]
