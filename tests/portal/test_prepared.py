"""A prepared query gives the ORM's rows for every value, and builds its SQL once per shape."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db.models.sql import compiler
from django.utils import timezone

from fgdm.factories import CaseFactory, NetworkMemberFactory, PartnerRequestFactory
from fgdm.models import Case, NetworkMember, PartnerRequest
from fgdm.selectors.progress import _counts
from portal.prepared import Prepared, PreparedQueryError

pytestmark = pytest.mark.django_db


@pytest.fixture
def compiles(monkeypatch):
    """How many times Django compiled a query's SQL."""
    seen = []
    original = compiler.SQLCompiler.as_sql

    def as_sql(self, *args, **kwargs):
        seen.append(self.query.model)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(compiler.SQLCompiler, "as_sql", as_sql)
    return seen


def test_the_case_counts_are_the_orms_for_any_cases_and_day():
    cases = [CaseFactory() for _ in range(3)]
    for case, people in zip(cases, (0, 2, 5), strict=True):
        for _ in range(people):
            NetworkMemberFactory(case=case)
    asked = PartnerRequestFactory(members=list(cases[1].members.all()))
    PartnerRequest.objects.filter(pk=asked.pk).update(reply_by=timezone.localdate() - timedelta(days=1))
    counts = Prepared(_counts)
    for ids, today in (
        ([cases[0].pk], timezone.localdate()),
        ([cases[2].pk], timezone.localdate()),
        ([c.pk for c in cases], timezone.localdate()),
        ([cases[1].pk], timezone.localdate() - timedelta(days=5)),  # the request was not yet late then
        ([cases[1].pk], timezone.localdate()),
    ):
        assert sorted(counts.rows(ids=ids, today=today)) == sorted(_counts(ids, today)), (ids, today)
    late = {case_id: n_late for case_id, *_rest, n_late in counts.rows(ids=[cases[1].pk], today=timezone.localdate())}
    assert late == {cases[1].pk: 1}


def test_the_sql_is_built_once_for_each_number_of_values(compiles):
    cases = [CaseFactory() for _ in range(3)]
    people = Prepared(lambda ids: NetworkMember.objects.filter(case_id__in=ids).values_list("case_id"))
    compiles.clear()
    people.rows(ids=[cases[0].pk])
    people.rows(ids=[cases[1].pk])
    people.rows(ids=[cases[2].pk])
    assert compiles == [NetworkMember]
    people.rows(ids=[cases[0].pk, cases[1].pk])
    assert compiles == [NetworkMember, NetworkMember]


def test_in_nothing_is_left_to_the_orm():
    everyone_but = Prepared(lambda ids: Case.objects.exclude(pk__in=ids).values_list("pk"))
    case = CaseFactory()
    assert everyone_but.rows(ids=[]) == [(case.pk,)]
    assert everyone_but.rows(ids=[case.pk]) == []


def test_the_second_factor_and_groups_are_read_afresh_each_time(django_user_model):
    from allauth.mfa.models import Authenticator

    from portal.accounts.mfa import read_second_factor_and_groups

    user = django_user_model.objects.create_user(email="lee@council.example", password="a long password 1")
    assert read_second_factor_and_groups(django_user_model.objects.get(pk=user.pk)) is False
    authenticator = Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    user.groups.add(Group.objects.create(name="Coordinator"))
    again = django_user_model.objects.get(pk=user.pk)
    assert read_second_factor_and_groups(again) is True
    assert [g.name for g in again.groups.all()] == ["Coordinator"]
    authenticator.delete()
    assert read_second_factor_and_groups(django_user_model.objects.get(pk=user.pk)) is False


@pytest.mark.parametrize(
    "build,values,problem",
    [
        (lambda name: Case.objects.filter(worries__icontains=name).values_list("pk"), {"name": "x"}, "not found"),
        (lambda pk: Case.objects.filter(pk=pk), {"pk": 1}, "values_list"),
        (lambda flag: Case.objects.filter(pk=1).values_list("pk"), {"flag": True}, "bool"),
    ],
)
def test_a_query_it_cannot_prepare_is_refused_plainly(build, values, problem):
    with pytest.raises(PreparedQueryError, match=problem):
        Prepared(build).rows(**values)


def test_a_value_of_another_kind_later_is_refused_not_sent_in_place():
    from datetime import datetime

    counts = Prepared(_counts)
    case = CaseFactory()
    counts.rows(ids=[case.pk], today=timezone.localdate())
    with pytest.raises(PreparedQueryError, match="datetime"):
        counts.rows(ids=[case.pk], today=datetime.now(tz=timezone.get_current_timezone()))
    with pytest.raises(PreparedQueryError, match="whole numbers"):
        counts.rows(ids=[str(case.pk)], today=timezone.localdate())
