"""factory_boy factories for the whole suite. Valid CCCDs are built from gender and birth date."""

import datetime
import itertools

import factory

from accounts.models import RoleAssignment, User
from organisations.domain.cccd import century_digit
from organisations.domain.tree import rebuild_tree_index
from organisations.enums import Gender, UnitKind, UnitLevel
from organisations.models import Cluster, Collective, Employment, Household, Person, Unit

_serial = itertools.count(1)


def make_cccd(gender: str, birth_date: datetime.date, province: str = "008") -> str:
    """A structurally valid CCCD for the given gender and birth date (unique per call)."""
    return (f"{province}{century_digit(gender, birth_date.year)}"
            f"{birth_date.year % 100:02d}{next(_serial):06d}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"U{n:04d}")
    name = factory.Sequence(lambda n: f"Đơn vị số {n}")
    level = UnitLevel.GRASSROOTS
    kind = UnitKind.AGENCY
    valid_from = datetime.date(2010, 1, 1)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        unit = super()._create(model_class, *args, **kwargs)
        rebuild_tree_index()  # keep the closure table true for scope checks
        unit.refresh_from_db()
        return unit


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    gender = Gender.MALE
    birth_date = datetime.date(1985, 5, 17)
    cccd = factory.LazyAttribute(lambda o: make_cccd(o.gender, o.birth_date))
    ethnicity = "Kinh"
    unit = factory.SubFactory(UnitFactory)
    position = "Chuyên viên"

    @factory.post_generation
    def employment(self, create, extracted, **kwargs):
        if create and self.unit_id:
            Employment.objects.create(person=self, unit=self.unit, position=self.position,
                                      start_date=datetime.date(2015, 1, 1),
                                      is_leader=self.is_leader,
                                      is_direct_worker=self.is_direct_worker)


class CollectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Collective

    name = factory.Sequence(lambda n: f"Tổ chuyên môn {n}")
    kind = "sub"
    unit = factory.SubFactory(UnitFactory)
    member_count = 10


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    head = factory.SubFactory(PersonFactory)
    unit = factory.SelfAttribute("head.unit")
    address = "Thôn Đồng Bầu"
    member_count = 4


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    code = factory.Sequence(lambda n: f"CUM{n:02d}")
    name = factory.Sequence(lambda n: f"Cụm thi đua số {n}")
    kind = "cluster"
    managing_unit = factory.SubFactory(UnitFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Người dùng {n}")
    password = factory.PostGenerationMethodCall("set_password", "Mat-khau-2025!")

    @factory.post_generation
    def saved(self, create, extracted, **kwargs):
        if create:
            self.save()


def user_with_role(role: str, unit: Unit | None = None, cluster=None, **kwargs) -> User:
    user = UserFactory(**kwargs)
    RoleAssignment.objects.create(user=user, role=role, unit=unit, cluster=cluster)
    return user


def make_initiative(unit: Unit, *, title: str = "Ứng dụng phần mềm quản lý hồ sơ học sinh",
                    authors=None, state: str = "recognised", scope: str = "co_so",
                    year: int = 2024, kind: str = "sang_kien", summary: str = "",
                    recognised_on: datetime.date | None = None):
    """An initiative through the domain functions (numbered, indexed, audited), in `state`."""
    from emulation.initiatives.domain import initiatives

    if authors is None:
        authors = [(PersonFactory(unit=unit), 100)]
    initiative = initiatives.register_initiative(
        actor=None, authors=authors, kind=kind, title=title, summary=summary, unit=unit,
        year=year)
    if state in ("recognised", "revoked_after_recognition"):
        initiatives.recognise_initiative(
            initiative, actor=None, decision_number=f"{initiative.pk}/QĐ-SGDĐT",
            decision_date=recognised_on or datetime.date(year, 6, 1),
            recognised_by="Giám đốc Sở", council="Hội đồng sáng kiến Sở", scope=scope)
    if state in ("revoked", "revoked_after_recognition"):
        initiatives.revoke_initiative(initiative, actor=None, reason="Trùng lặp")
    initiative.refresh_from_db()
    return initiative
