from django.apps import AppConfig


class FgdmConfig(AppConfig):
    name = "fgdm"
    verbose_name = "Family group decision making"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from fgdm import audit, data_rights, messaging
        from fgdm.selectors import access
        from fgdm.selectors.page_reads import read_once
        from portal import permissions

        messaging.register()
        data_rights.register()
        audit.register()
        # portal.permissions' case_view and member_view load through these; portal imports no app.
        permissions.register_case_loader(access.case_for_staff)
        permissions.register_member_loader(access.member_for_family)
        # A family page that changes nothing reads what it asks for more than once only once: each
        # case's standing for the audience rule, the rule per meeting, the latest plan.
        permissions.register_read_scope(read_once)
        for entry in (
            permissions.NavigationEntry(_("Cases"), "/cases/", access.may_work_on_cases, order=10),
            permissions.NavigationEntry(_("Figures"), "/cases/figures/", access.may_see_figures, order=30),
            permissions.NavigationEntry(
                _("Subject access"), "/cases/subject-access/", access.may_handle_data_rights, order=50
            ),
        ):
            permissions.register_navigation(entry)
