"""Writes for the resources library."""

from __future__ import annotations

from .models import DEFAULT_RESOURCE_KINDS, ResourceKind


def seed_resource_kinds(*, school) -> None:
    ResourceKind.objects.bulk_create(
        [
            ResourceKind(school=school, name=name, sort_order=i, is_test=name.startswith("Đề"))
            for i, name in enumerate(DEFAULT_RESOURCE_KINDS)
        ],
        ignore_conflicts=True,
    )
