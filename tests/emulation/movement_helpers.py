"""Plans, movements and registrations built through the domain functions, in a given state."""

import datetime

from emulation.movements.domain import movements, plans, registrations

START = datetime.date(2025, 1, 15)


def make_plan(unit, *, state="draft", year=2025, title="Kế hoạch công tác thi đua, khen thưởng "
              "năm 2025"):
    plan = plans.create_plan(actor=None, unit=unit, year=year, title=title,
                             content="Đẩy mạnh phong trào thi đua yêu nước.",
                             key_targets="100% đơn vị đăng ký thi đua.",
                             milestones=[(datetime.date(year, 6, 11), "Ngày Chủ tịch Hồ Chí Minh "
                                          "ra Lời kêu gọi thi đua ái quốc")])
    if state == "published":
        plans.publish_plan(plan, actor=None)
    plan.refresh_from_db()
    return plan


def make_movement(organiser, participants, *, state="draft", name="Thi đua dạy tốt, học tốt",
                  kind="regular"):
    movement = movements.create_movement(actor=None, participants=participants, name=name,
                                         kind=kind, goals="Nâng cao chất lượng giáo dục.",
                                         organiser=organiser, start_date=START,
                                         end_date=datetime.date(2025, 12, 31), plan=None)
    if state != "draft" and state != "stopped":
        movements.launch_movement(movement, actor=None)
    if state in ("mid_reviewed", "closed"):
        movements.record_mid_review(movement, actor=None, date=datetime.date(2025, 6, 30),
                                    report="Sơ kết 6 tháng.")
    if state == "closed":
        movements.close_movement(movement, actor=None, date=datetime.date(2025, 12, 20),
                                 report="Tổng kết năm.")
    if state == "stopped":
        movements.stop_movement(movement, actor=None, reason="Hình thức, không hiệu quả")
    movement.refresh_from_db()
    return movement


def make_registration(movement, unit, *, state="draft", entries=(), pledges="Phấn đấu hoàn "
                      "thành xuất sắc nhiệm vụ.", year=2025):
    registration = registrations.create_registration(movement, unit, actor=None, year=year,
                                                     pledges=pledges, entries=entries)
    if state != "draft":
        registrations.submit_registration(registration, actor=None)
    if state == "approved":
        registrations.approve_registration(registration, actor=None)
    if state == "returned":
        registrations.return_registration(registration, actor=None, reason="Thiếu chỉ tiêu")
    registration.refresh_from_db()
    return registration


def make_result(review, registration, *, state="draft", achieved=True):
    """A unit's result in `review` (every registered title achieved when `achieved`), taken
    to `state` through emulation.movements.domain.results."""
    from emulation.movements.domain import results

    result = results.enter_result(
        review, registration, actor=None, targets="100% học sinh lên lớp",
        figures="98,5% học sinh lên lớp", achieved=achieved,
        titles={entry.pk: achieved for entry in registration.entries.all()})
    if state != "draft":
        results.submit_result(result, actor=None)
    if state == "confirmed":
        results.confirm_result(result, actor=None)
    if state == "returned":
        results.return_result(result, actor=None, reason="Thiếu số liệu")
    result.refresh_from_db()
    return result
