"""Minutes (biên bản, Decree 30/2020 Appx III Mẫu 1.9) of a cluster's year-end review: the
ranking by score and the secret ballot for the leading unit(s) (suy tôn đơn vị dẫn đầu)."""

import datetime

from django.utils import timezone

from documents.domain.model import AnnexTable, Letterhead, Minutes
from documents.interfaces.docx_documents import minutes_docx as render_docx
from emulation.movements.domain import cluster_rounds
from emulation.movements.enums import Grade


def _points(value) -> str:
    return f"{value:.2f}".replace(".", ",")


def build(cluster_round) -> Minutes:
    cluster = cluster_round.cluster
    rows = cluster_rounds.results(cluster_round)
    published = cluster_rounds.published_tally(cluster_round)
    counts, leaders = published or ({}, [])
    grades = dict(Grade.choices)
    head = next((m.unit.name for m in cluster.memberships.filter(
        year=cluster_round.year, role="head").select_related("unit")), "")
    ballot = AnnexTable(
        "Kết quả chấm điểm và bỏ phiếu kín suy tôn đơn vị dẫn đầu "
        f"(tính trên tổng số {len(rows)} đơn vị thành viên):",
        ("STT", "Đơn vị", "Tổng điểm", "Xếp hạng", "Xếp loại", "Số phiếu suy tôn", "Kết quả"),
        tuple((str(i), r.unit.name, _points(r.total), str(r.rank),
               str(grades.get(r.grade, "—")),
               str(counts.get(r.unit.pk, 0)) if published else "—",
               "Dẫn đầu" if r.unit.pk in leaders else "")
              for i, r in enumerate(rows, 1)),
        widths=(0.4, 2.0, 0.8, 0.7, 0.8, 0.8, 0.8),
        align=("center", "left", "center", "center", "center", "center", "center"))
    moment = timezone.localtime(cluster_round.published_at or timezone.now())
    started = moment.replace(tzinfo=None)
    return Minutes(
        letterhead=Letterhead(parent_body=cluster.managing_unit.name.upper(),
                              issuing_body=cluster.name.upper(), number=None, symbol="BB-CTĐ",
                              place="", date=moment.date(), year=moment.year),
        meeting_name=f"Hội nghị tổng kết công tác thi đua năm {cluster_round.year} của "
                     f"{cluster.name}",
        started_at=started, place=head,
        chair=head, secretary="",
        attendees=tuple(r.unit.name for r in rows),
        paragraphs=(f"Giao ước thi đua ký ngày {cluster_round.pact_date:%d/%m/%Y}."
                    if cluster_round.pact_date else "",),
        ballot_table=ballot, ended_at=started + datetime.timedelta(hours=2),
        signatures=("", head), draft=cluster_round.published_at is None)


def minutes_docx(cluster_round) -> bytes:
    return render_docx(build(cluster_round))
