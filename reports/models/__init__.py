from .reporting import FilingVersion, ReportFiling, ReportingParameter, ReportRequest

__all__ = ["FilingVersion", "ReportFiling", "ReportRequest", "ReportingParameter"]
