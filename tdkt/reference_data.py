"""The reference data data migrations load (catalogue, criteria, procedure parameters, public
holidays). `flush` empties those tables too; whoever flushes (seed_demo --reset, tests) calls
`reload_reference_data` afterwards. Lives in the project package because it spans apps."""

from django.apps import apps

from awards.data.seed import seed_all
from core.domain.calendar import SEED_YEARS, seed_holidays
from emulation.movements.domain.criteria import seed_template
from proposals.data.parameters import seed_parameters
from reports.data.parameters import seed_parameters as seed_reporting_parameters


def reload_reference_data() -> None:
    seed_all(apps)
    seed_parameters(apps)
    seed_holidays(*SEED_YEARS)
    seed_template(apps)
    seed_reporting_parameters(apps)
