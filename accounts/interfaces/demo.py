"""Demo accounts, one per persona (README lists them). Password for all: DEMO_PASSWORD."""

from accounts.enums import Role
from accounts.models import RoleAssignment, User
from organisations.models import Cluster, Unit

DEMO_PASSWORD = "TdktDemo@2025"

# (username, full name, role, unit code, cluster code)
PERSONAS = [
    ("admin", "Quản trị hệ thống", Role.SYSTEM_ADMIN, None, None),
    ("banthidua", "Lê Thị Hồng — Ban Thi đua - Khen thưởng", Role.BOARD_STAFF, "TQ", None),
    ("canbo_sgd", "Phạm Minh Tuấn — cán bộ TĐKT Sở GD&ĐT", Role.UNIT_OFFICER, "TQ-SGD-25", None),
    ("canbo_yenson", "Hoàng Thị Lan — cán bộ TĐKT xã Yên Sơn", Role.UNIT_OFFICER, "TQ-X-YS-25",
     None),
    ("hoidong", "Nguyễn Quang Hải — thành viên Hội đồng TĐKT tỉnh", Role.COUNCIL_MEMBER, "TQ",
     None),
    ("chutich", "Trần Văn Sơn — Chủ tịch UBND tỉnh", Role.APPROVER, "TQ", None),
    ("vanthu", "Đinh Thị Thu — Văn thư Văn phòng UBND tỉnh", Role.DOCUMENT_DESK, "TQ", None),
    ("cumtruong", "Vũ Thị Mai — Cụm trưởng cụm phía Nam", Role.CLUSTER_HEAD, "TQ-P-MX-25",
     "CUM-NAM"),
    # The department and the commune grant their own titles and forms (Law 06/2022/QH15
    # Art. 80; Decree 129/2025/NĐ-CP Art. 59): each has its own office, council and signer.
    ("vanphong_sgd", "Đỗ Thu Hà — Văn phòng Sở GD&ĐT (thường trực Hội đồng TĐKT Sở)",
     Role.BOARD_STAFF, "TQ-SGD-25", None),
    ("hoidong_sgd", "Lý Văn Bình — thành viên Hội đồng TĐKT Sở GD&ĐT", Role.COUNCIL_MEMBER,
     "TQ-SGD-25", None),
    ("giamdoc_sgd", "Ngô Đức Thành — Giám đốc Sở GD&ĐT", Role.APPROVER, "TQ-SGD-25", None),
    ("vanhoa_yenson", "Triệu Thị Nga — công chức Văn hóa - Xã hội xã Yên Sơn (thường trực Hội "
     "đồng TĐKT xã)", Role.BOARD_STAFF, "TQ-X-YS-25", None),
    ("chutich_yenson", "Ma Văn Hùng — Chủ tịch UBND xã Yên Sơn", Role.APPROVER, "TQ-X-YS-25",
     None),
]


def build_accounts() -> list[tuple[str, str]]:
    """Create the persona accounts; return (username, role label) pairs."""
    created = []
    for username, full_name, role, unit_code, cluster_code in PERSONAS:
        user = User(username=username, full_name=full_name, is_superuser=False)
        user.set_password(DEMO_PASSWORD)
        user.save()
        RoleAssignment.objects.create(
            user=user, role=role,
            unit=Unit.objects.get(code=unit_code) if unit_code else None,
            cluster=Cluster.objects.get(code=cluster_code) if cluster_code else None)
        created.append((username, str(role.label)))
    return created
