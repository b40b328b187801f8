"""Factories for tests: schools are built through the real ``create_school`` service."""

from __future__ import annotations

import factory
import factory.random
from django.contrib.auth import get_user_model

from .models import School
from .services import add_staff_member, create_school

factory.random.reseed_random(20201005)  # Circular 37/2020 was signed on 05/10/2020

TEST_PASSWORD = "test-password-1"  # noqa: S105


class SchoolFactory(factory.Factory):
    class Meta:
        model = School

    name = factory.Sequence(lambda n: f"Trường THCS Thử Nghiệm {n}")
    hostname = factory.Sequence(lambda n: f"truong{n}.thu-nghiem.edu.vn")
    is_default = False

    @classmethod
    def _create(cls, model_class, *, name, hostname, is_default):
        return create_school(name=name, hostname=hostname, is_default=is_default)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="vi_VN")
    last_name = factory.Faker("last_name", locale="vi_VN")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.edu.vn")
    password = factory.django.Password(TEST_PASSWORD)


def make_staff(school: School, *roles: str, **fields):
    """A user holding ``roles`` (codes from ``schools.plan``) in ``school``."""
    user = UserFactory(**fields)
    add_staff_member(school=school, user=user, roles=roles)
    return user
