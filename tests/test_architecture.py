"""The shape the design asks for, checked on the source: imports point one way, and every
"may this person do or see this?" rule lives once, in an app's ``selectors/access.py``.
"""

import ast
import importlib
import inspect
import re
from pathlib import Path

import pytest
from django.urls import resolve

ROOT = Path(__file__).resolve().parent.parent
ACCESS_MODULES = ("fgdm.selectors.access", "network_support.selectors.access")
# Where a role may be looked at directly: where roles are defined, the decorators that gate on
# them, and the access modules.
ROLE_CHECKS_ALLOWED = {
    "portal/accounts/roles.py",
    "portal/accounts/models.py",
    "portal/accounts/views.py",  # shows staff their own roles
    "portal/permissions.py",
    "fgdm/selectors/access.py",
    "network_support/selectors/access.py",
}


def python_files(package: str):
    for path in sorted((ROOT / package).rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if "/migrations/" not in relative:
            yield relative, ast.parse(path.read_text(), filename=relative)


def imported_modules(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
            for alias in node.names:
                yield node.lineno, f"{node.module}.{alias.name}"


def offending_imports(package: str, banned: tuple[str, ...], *, skip=()) -> list[str]:
    found = []
    for path, tree in python_files(package):
        if path in skip:
            continue
        for line, module in imported_modules(tree):
            if any(module == b or module.startswith(b + ".") for b in banned):
                found.append(f"{path}:{line} imports {module}")
    return sorted(set(found))


def test_network_support_imports_no_fgdm_view_or_form():
    banned = ("fgdm.views", "fgdm.forms", "fgdm.family_forms")
    assert offending_imports("network_support", banned) == []


def test_portal_imports_no_app():
    # The root URLconf and the settings wire the apps in; nothing else in portal knows them.
    skip = {"portal/urls.py"} | {p for p, _ in python_files("portal") if p.startswith("portal/settings/")}
    assert offending_imports("portal", ("fgdm", "network_support", "content"), skip=skip) == []


def test_the_import_check_finds_a_banned_import():
    """The walk above would see a real offence (so the two tests above can fail)."""
    tree = ast.parse("from fgdm.views.access import case_view\nimport fgdm.forms\n")
    assert [m for _line, m in imported_modules(tree)] == [
        "fgdm.views.access",
        "fgdm.views.access.case_view",
        "fgdm.forms",
    ]


# --- every may_… rule is defined once, in an access module, and asked by the code that needs it ---


def access_rules() -> dict[str, object]:
    rules = {}
    for name in ACCESS_MODULES:
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if attr.startswith("may_") and inspect.isfunction(value) and value.__module__ == name:
                rules[f"{name}.{attr}"] = value
    return rules


# Rules that live elsewhere on purpose, each with its reason.
MAY_RULES_ELSEWHERE = {
    # The audience rule has its own module (DESIGN.md); the access module imports it.
    ("fgdm/selectors/audience.py", "may_be_contacted"),
    # portal's own page: portal may not import an app's access module.
    ("portal/audit/selectors.py", "may_read_audit_log"),
    # Messaging asks the apps through its registry; these adapt the rules above to it.
    ("portal/messaging/registry.py", "may_see_case_messages"),
    ("fgdm/messaging.py", "may_be_told"),
    ("fgdm/messaging.py", "may_be_told_many"),  # the same guard for a batch of texts
    ("fgdm/messaging.py", "may_see_case_messages"),
    # Template tags that hand a template the answer of an access rule, by the rule's own name.
    ("fgdm/templatetags/fgdm_access.py", "may_follow"),
    ("fgdm/templatetags/fgdm_access.py", "may_give_views"),
}


def test_no_may_rule_is_defined_outside_the_access_modules():
    defined_elsewhere = []
    for package in ("fgdm", "network_support", "portal"):
        for path, tree in python_files(package):
            if path.endswith("selectors/access.py"):
                continue
            for node in ast.walk(tree):
                is_rule = isinstance(node, ast.FunctionDef) and node.name.startswith("may_")
                if is_rule and (path, node.name) not in MAY_RULES_ELSEWHERE:
                    defined_elsewhere.append(f"{path}: {node.name}")
    assert defined_elsewhere == []


def test_every_may_rule_is_asked_by_a_view_service_template_flag_or_navigation_entry():
    sources = {
        path: Path(ROOT / path).read_text()
        for package in ("fgdm", "network_support", "portal")
        for path, _tree in python_files(package)
        if not path.endswith("selectors/access.py")
    }
    unused = [
        dotted
        for dotted, rule in access_rules().items()
        if not any(re.search(rf"\b{rule.__name__}\b", text) for text in sources.values())
    ]
    assert access_rules(), "no access rules found: the access modules moved?"
    assert unused == [], "rules nobody asks (dead, or asked some other way):\n" + "\n".join(unused)


def test_no_role_check_outside_the_access_modules():
    """``user.roles``, ``"coordinator" in …`` or ``request.user == case.lead_practitioner``: a rule written
    in place. Views, services, forms and templates ask an access function instead."""
    offences = []
    for package in ("fgdm", "network_support", "portal"):
        for path, tree in python_files(package):
            if path in ROLE_CHECKS_ALLOWED:
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Attribute) and node.attr == "roles" and not _is_roles_module(node):
                    offences.append(f"{path}:{node.lineno} reads .roles")
                if isinstance(node, ast.Compare) and any(isinstance(op, ast.Eq | ast.NotEq) for op in node.ops):
                    sides = [node.left, *node.comparators]
                    if any(_names_user(s) for s in sides) and any(_names_case_staff(s) for s in sides):
                        offences.append(f"{path}:{node.lineno} compares a user with a case's staff")
    role_in_template = re.compile(r"\.roles\b|\"(coordinator|lead_practitioner|service_manager)\" in ")
    for package in ("fgdm", "network_support", "portal"):
        for template in sorted((ROOT / package).rglob("templates/**/*.html")):
            for number, line in enumerate(template.read_text().splitlines(), 1):
                if role_in_template.search(line):
                    offences.append(f"{template.relative_to(ROOT)}:{number} checks a role")
    assert offences == []


def _is_roles_module(node: ast.Attribute) -> bool:
    # ``portal.accounts.roles`` the module (``from portal.accounts import roles``), not ``user.roles``.
    return isinstance(node.value, ast.Name) and node.value.id == "accounts"


def _names_user(node) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "user") or (
        isinstance(node, ast.Name) and node.id == "actor"
    )


def _names_case_staff(node) -> bool:
    return isinstance(node, ast.Attribute) and node.attr in {"lead_practitioner", "coordinator"}


def test_the_role_check_walk_sees_an_offence():
    tree = ast.parse("x = request.user == case.lead_practitioner\ny = 'coordinator' in request.user.roles\n")
    compares = [n for n in ast.walk(tree) if isinstance(n, ast.Compare)]
    assert any(_names_user(s) for s in [compares[0].left, *compares[0].comparators])
    assert any(_names_case_staff(s) for s in [compares[0].left, *compares[0].comparators])
    assert [n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr == "roles"] == ["roles"]


def test_template_flags_named_may_come_from_access_rules():
    """A view that hands a template ``"may_…": <value>`` computes the value by calling an access rule."""
    rule_names = {rule.__name__ for rule in access_rules().values()}
    offences = []
    for package in ("fgdm", "network_support"):
        for path, tree in python_files(package):
            if "/views/" not in path:
                continue
            assigned = _names_assigned_from_rules(tree, rule_names)
            for node in ast.walk(tree):
                if not isinstance(node, ast.Dict):
                    continue
                for key, value in zip(node.keys, node.values, strict=True):
                    if not (isinstance(key, ast.Constant) and str(key.value).startswith("may_")):
                        continue
                    from_rule = _calls_rule(value, rule_names) or (isinstance(value, ast.Name) and value.id in assigned)
                    if not from_rule:
                        offences.append(f"{path}:{key.lineno} {key.value}")
    assert offences == []


def _calls_rule(node, rule_names) -> bool:
    return any(
        isinstance(n, ast.Call)
        and (getattr(n.func, "id", None) in rule_names or getattr(n.func, "attr", None) in rule_names)
        for n in ast.walk(node)
    )


def _names_assigned_from_rules(tree, rule_names) -> set[str]:
    return {
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and _calls_rule(node.value, rule_names)
        for target in node.targets
        if isinstance(target, ast.Name)
    }


@pytest.mark.django_db
def test_each_navigation_entry_and_its_page_ask_the_same_rule():
    from portal.permissions import _navigation

    assert {entry.url for entry in _navigation.values()} == {
        "/cases/",
        "/support/",
        "/cases/figures/",
        "/staff/audit/",
        "/cases/subject-access/",
        "/staff/statutory-figures/",
        "/staff/api/",
    }
    for entry in _navigation.values():
        page = resolve(entry.url).func
        assert getattr(page, "rule", None) is entry.may_see, entry.url
