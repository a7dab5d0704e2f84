from .exports import ExportJob
from .reporting import FilingVersion, ReportFiling, ReportingParameter, ReportRequest

__all__ = ["ExportJob", "FilingVersion", "ReportFiling", "ReportRequest", "ReportingParameter"]
