"""Factories for staff members: ``StaffMemberFactory(school=school, units=[unit], ...)``.

``unit(school, slug)`` returns one of the plan's unit sections of ``school`` by slug
(for example ``"ban-giam-hieu"`` or ``"to-toan"``).
"""

from __future__ import annotations

import factory

from sections.models import SectionPage

from .models import StaffMember

FULL_NAMES = ("Nguyễn Văn Bình", "Trần Thị An", "Lê Văn Cường", "Phạm Thị Dung", "Đỗ Minh Châu")


def unit(school, slug: str) -> SectionPage:
    return SectionPage.objects.descendant_of(school.site.root_page).get(slug=slug)


class StaffMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffMember
        skip_postgeneration_save = True

    school = None  # required
    full_name = factory.Iterator(FULL_NAMES)
    positions = "Giáo viên"
    official_email = factory.Sequence(lambda n: f"canbo{n}@truong.edu.vn")
    phone = factory.Sequence(lambda n: f"0912 000 {n:03d}")

    @factory.post_generation
    def units(self, create, extracted, **kwargs):
        if create and extracted:
            self.units.set(extracted)
            self.save()
