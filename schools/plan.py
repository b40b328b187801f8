"""The school's plan as data: the section tree, who answers for each section, the roles.

Taken from the plan of Trường THCS Tịnh Sơn under Circular 37/2020/TT-BGDĐT (``shared/seed``):
section 2.2 "Phân công thực hiện các nội dung trên Website" and IV.1.1 (the editorial board).
Titles here are content (Vietnamese data written into each new school), not interface strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SectionPlan:
    title: str
    responsible: str = ""
    content: str = ""
    children: tuple[SectionPlan, ...] = field(default_factory=tuple)
    kind: str = "general"  # see sections.models.SectionPage.KIND_CHOICES


# The ten sections of the plan, in the plan's order.
SECTION_TREE: tuple[SectionPlan, ...] = (
    SectionPlan("Giới thiệu", responsible="đ/c Danh", content="Giới thiệu về nhà trường."),
    SectionPlan(
        "Cơ cấu tổ chức",
        children=(
            SectionPlan(
                kind="news",
                title="Chi bộ Đảng",
                responsible="đ/c Hà",
                content="Thông tin về Đảng viên.\nHoạt động của Chi bộ.",
            ),
            SectionPlan(
                "Ban giám hiệu",
                responsible="đ/c Danh, Bình",
                content="Thông tin về BGH.",
                kind="news",
            ),
            SectionPlan(
                kind="news",
                title="Công đoàn",
                responsible="đ/c Vinh + BCH",
                content=(
                    "Giới thiệu về Công đoàn.\nNhững thành tích đã đạt được.\nNhiệm vụ Công đoàn."
                ),
            ),
            SectionPlan(
                kind="news",
                title="Đoàn TNCS Hồ Chí Minh",
                responsible="đ/c Cương + BCH Đoàn trường",
                content=(
                    "Giới thiệu về Đoàn trường.\nNhững thành tích đã đạt được.\n"
                    "Nhiệm vụ của Đoàn TNCS Hồ Chí Minh."
                ),
            ),
            SectionPlan(
                kind="news",
                title="Đội TNTP Hồ Chí Minh",
                responsible="đ/c Huấn + Liên đội",
                content=(
                    "Giới thiệu về Liên đội trường.\nNhững thành tích đã đạt được.\nNhiệm vụ của Đội."
                ),
            ),
            SectionPlan(
                kind="news",
                title="Y tế - Thư viện",
                responsible="đ/c Sương",
                content="Giới thiệu về y tế, thư viện.\nNhững thành tích đã đạt được.",
            ),
            SectionPlan(
                kind="news",
                title="Hội phụ huynh",
                responsible="đ/c Bình, Danh, Sinh",
                content="Giới thiệu về Hội phụ huynh.\nNhững thành tích đã đạt được.",
            ),
        ),
    ),
    SectionPlan(
        "Tin tức - Sự kiện",
        children=(
            SectionPlan(
                kind="announcements",
                title="Thông báo",
                responsible="đ/c Danh, Bình, Vinh, Văn, P. Kiều, Huấn",
                content="Lịch hoạt động.\nThông báo.",
            ),
            SectionPlan(
                "Tin tức", content="Tin tức về các hoạt động quản lý, giáo dục.", kind="news"
            ),
            SectionPlan(
                kind="gallery",
                title="Thư viện ảnh",
                content="Tư liệu hình ảnh phản ánh đầy đủ các hoạt động của trường.",
            ),
            SectionPlan(
                kind="news",
                title="Hoạt động ngoài giờ lên lớp",
                responsible="đ/c Bình, Huấn, Cương",
                content="Các hoạt động xã hội, trải nghiệm, ngoài giờ lên lớp.",
            ),
        ),
    ),
    SectionPlan(
        "Tư liệu - Tài nguyên",
        responsible="Các tổ chuyên môn",
        content=(
            "Sáng kiến kinh nghiệm; đề tài khoa học.\nGiáo án điện tử (đã chọn lọc).\n"
            "Đề thi học sinh giỏi.\nĐề kiểm tra.\nPhần mềm thông dụng."
        ),
    ),
    SectionPlan(
        "Công văn - Văn bản",
        responsible="Văn phòng + đ/c Sương",
        content=(
            "Văn bản Nhà nước, của Bộ GD&ĐT.\nVăn bản của Sở GD&ĐT.\nVăn bản của nhà trường.\n"
            "Văn bản tài chính.\nVăn bản khác."
        ),
    ),
    SectionPlan(
        "Hoạt động chuyên môn",
        responsible="đ/c Bình + Tổ CM",
        content="Kế hoạch hoạt động.\nThời khóa biểu.\nBáo cáo hoạt động.",
        children=(
            SectionPlan("Thời khóa biểu"),
            SectionPlan("Chuyên môn"),
            SectionPlan("Công nghệ thông tin"),
        ),
    ),
    SectionPlan(
        "Tổ chuyên môn",
        responsible="Tổ trưởng chuyên môn",
        content="Hoạt động của các tổ chuyên môn (kế hoạch, báo cáo...).",
        children=tuple(
            SectionPlan(name, kind="news")
            for name in (
                "Tổ Toán",
                "Tổ Lý - Tin",
                "Tổ Hóa - Sinh",
                "Tổ Văn",
                "Tổ Sử - Địa",
                "Tổ GDCD - Năng khiếu",
                "Tổ Ngoại ngữ",
                "Tổ Văn phòng",
            )
        ),
    ),
    SectionPlan(
        "Trang liên kết",
        responsible="đ/c Cương + BGH",
        content=(
            "Trường học kết nối.\nvnEdu.\nCSDL ngành.\n"
            "Các trang thông tin liên quan: Sở GD&ĐT, Phòng GD&ĐT..."
        ),
    ),
    SectionPlan("Lịch công tác", responsible="BGH + Văn phòng"),
    SectionPlan(
        "Góc học sinh",
        responsible="đ/c Bình; đ/c Huấn + học sinh",
        content=(
            "Dành riêng cho học sinh trao đổi về các nội dung học tập.\n"
            "Trao đổi tâm tư nguyện vọng.\nTrao đổi các bài toán khó, những bài thơ hay..."
        ),
    ),
)


@dataclass(frozen=True)
class RolePlan:
    """One role of the editorial board (plan IV.1.1), created as a group in every school."""

    code: str
    name: str
    page_permissions: tuple[str, ...]
    collection_permissions: tuple[str, ...]
    model_permissions: tuple[str, ...] = ()  # "app_label.codename"


_CONTENT_MODELS = (
    "links.add_link", "links.change_link", "links.delete_link",
    "links.add_linkcategory", "links.change_linkcategory", "links.delete_linkcategory",
    "official_docs.add_officialdocument", "official_docs.change_officialdocument",
    "official_docs.delete_officialdocument", "official_docs.add_documenttype",
    "official_docs.change_documenttype", "official_docs.delete_documenttype",
    "resources.add_resource", "resources.change_resource", "resources.delete_resource",
    "resources.add_resourcekind", "resources.change_resourcekind", "resources.delete_resourcekind",
    "people.add_staffmember", "people.change_staffmember", "people.delete_staffmember",
    "schedules.add_workweek", "schedules.change_workweek", "schedules.delete_workweek",
    "schedules.view_calendarsubscriber", "schedules.delete_calendarsubscriber",
    "timetables.add_timetable", "timetables.change_timetable", "timetables.delete_timetable",
    "workflows.view_submission", "workflows.change_submission",
    "workflows.add_rotaentry", "workflows.change_rotaentry", "workflows.delete_rotaentry",
    "site_search.add_promotion", "site_search.change_promotion", "site_search.delete_promotion",
    "site_search.view_searchquery",
)  # fmt: skip
_EDIT_FILES = ("add_image", "change_image", "choose_image", "add_document", "change_document",
               "choose_document")  # fmt: skip
_ADD_FILES = ("add_image", "choose_image", "add_document", "choose_document")
_PUBLISH = ("add", "change", "publish", "lock", "unlock")

ROLES: tuple[RolePlan, ...] = (
    RolePlan(
        "head",
        "Trưởng ban",
        _PUBLISH,
        _EDIT_FILES,
        (*_CONTENT_MODELS, "schools.change_school", "workflows.change_editorialpolicy"),
    ),
    RolePlan("deputy", "Phó ban", _PUBLISH, _EDIT_FILES, _CONTENT_MODELS),
    RolePlan("secretary", "Thư ký", ("add", "change", "lock"), _EDIT_FILES, _CONTENT_MODELS),
    RolePlan(
        "editor",
        "Biên tập viên",
        ("add", "change"),
        _ADD_FILES,
        ("resources.add_resource", "resources.change_resource", "site_search.view_searchquery"),
    ),
    RolePlan("contributor", "Cộng tác viên", ("add",), _ADD_FILES, ("resources.add_resource",)),
    RolePlan(
        "sysadmin",
        "Quản trị viên hệ thống",
        _PUBLISH,
        _EDIT_FILES,
        (
            *_CONTENT_MODELS,
            "schools.change_school",
            "workflows.change_editorialpolicy",
            "auth.add_user",
            "auth.change_user",
            "auth.delete_user",
        ),
    ),
    # Plan III.3: "Trưởng ban sẽ ký duyệt và chuyển cho Nhóm kỹ thuật đưa nội dung vào trang Web":
    # the technical group publishes what the head signed off, when the school works that way.
    RolePlan("technical", "Nhóm kỹ thuật", _PUBLISH, _EDIT_FILES, _CONTENT_MODELS),
)

ROLE_CODES = tuple(role.code for role in ROLES)
# Roles that may assign sections to people (the "Phân công" screen), plan 2.2 and IV.1.4.
ASSIGNING_ROLES = ("head", "deputy", "sysadmin")
